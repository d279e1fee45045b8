-- addForeignKeyConstraintOnline in changeset db.xml::7::ann, step 1 of 4: drop index orders_customer_id_idx if an interrupted earlier run left it INVALID
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('orders') AND c.relname = (parse_ident('orders_customer_id_idx'))[1] AND NOT i.indisvalid)
-- runs outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;
-- addForeignKeyConstraintOnline in changeset db.xml::7::ann, step 2 of 4: build index orders_customer_id_idx on the referencing columns (customer_id) concurrently
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('orders') AND c.relname = (parse_ident('orders_customer_id_idx'))[1] AND i.indisvalid)
-- runs outside a transaction block
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);
-- addForeignKeyConstraintOnline in changeset db.xml::7::ann, step 3 of 4: add foreign key orders_customer_fk NOT VALID (no scan; checks new rows only)
-- lock: SHARE ROW EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('orders') AND conname = (parse_ident('orders_customer_fk'))[1])
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
COMMIT;
-- addForeignKeyConstraintOnline in changeset db.xml::7::ann, step 4 of 4: validate foreign key orders_customer_fk: scans while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('orders') AND conname = (parse_ident('orders_customer_fk'))[1] AND convalidated)
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
