-- createIndexConcurrently in changeset db.xml::7::ann, step 1 of 2: drop index orders_email_idx if an interrupted earlier run left it INVALID
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('orders') AND c.relname = (parse_ident('orders_email_idx'))[1] AND NOT i.indisvalid)
-- runs outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS orders_email_idx;
-- createIndexConcurrently in changeset db.xml::7::ann, step 2 of 2: build unique index orders_email_idx on orders concurrently
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('orders') AND c.relname = (parse_ident('orders_email_idx'))[1] AND i.indisvalid)
-- runs outside a transaction block
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_email_idx ON orders ((lower(email))) WHERE deleted_at IS NULL;
