-- addColumnOnline in changeset c.xml::4::ann, step 1 of 2: add column status
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attname = 'status')
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.orders ADD COLUMN status text;
COMMIT;
-- addColumnOnline in changeset c.xml::4::ann, step 2 of 2: build index
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- runs outside a transaction block
CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON public.orders (status);
