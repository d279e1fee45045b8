-- addCheckConstraintOnline in changeset db.xml::7::ann, step 1 of 2: add check orders_total_positive NOT VALID (no scan; checks new rows only)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('orders') AND conname = (parse_ident('orders_total_positive'))[1])
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total_cents >= 0) NOT VALID;
COMMIT;
-- addCheckConstraintOnline in changeset db.xml::7::ann, step 2 of 2: validate check orders_total_positive: scans while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('orders') AND conname = (parse_ident('orders_total_positive'))[1] AND convalidated)
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
