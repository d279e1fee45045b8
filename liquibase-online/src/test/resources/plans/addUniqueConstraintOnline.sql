-- addUniqueConstraintOnline in changeset db.xml::7::ann, step 1 of 3: drop index orders_code_region_key if an interrupted earlier run left it INVALID
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('orders') AND c.relname = (parse_ident('orders_code_region_key'))[1] AND NOT i.indisvalid)
-- runs outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS orders_code_region_key;
-- addUniqueConstraintOnline in changeset db.xml::7::ann, step 2 of 3: build unique index orders_code_region_key on (code, region) concurrently
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('orders') AND c.relname = (parse_ident('orders_code_region_key'))[1] AND i.indisvalid)
-- runs outside a transaction block
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_code_region_key ON orders (code, region);
-- addUniqueConstraintOnline in changeset db.xml::7::ann, step 3 of 3: turn index orders_code_region_key into the unique constraint orders_code_region_key (catalog only)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('orders') AND conname = (parse_ident('orders_code_region_key'))[1])
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE orders ADD CONSTRAINT orders_code_region_key UNIQUE USING INDEX orders_code_region_key;
COMMIT;
