-- addNotNullConstraintOnline in changeset db.xml::7::ann, step 1 of 4: add CHECK (status IS NOT NULL) NOT VALID as orders_status_nn_check (no scan)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('orders') AND attname = (parse_ident('status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull) OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('orders') AND conname = (parse_ident('orders_status_nn_check'))[1])
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE orders ADD CONSTRAINT orders_status_nn_check CHECK (status IS NOT NULL) NOT VALID;
COMMIT;
-- addNotNullConstraintOnline in changeset db.xml::7::ann, step 2 of 4: validate orders_status_nn_check: scans the table while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('orders') AND attname = (parse_ident('status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull) OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('orders') AND conname = (parse_ident('orders_status_nn_check'))[1] AND convalidated)
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn_check;
-- addNotNullConstraintOnline in changeset db.xml::7::ann, step 3 of 4: set status NOT NULL (the valid check spares the scan)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('orders') AND attname = (parse_ident('status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull)
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
COMMIT;
-- addNotNullConstraintOnline in changeset db.xml::7::ann, step 4 of 4: drop the helper check orders_status_nn_check, NOT NULL now holds
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('orders') AND conname = (parse_ident('orders_status_nn_check'))[1])
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_status_nn_check;
COMMIT;
