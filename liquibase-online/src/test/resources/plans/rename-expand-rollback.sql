-- renameColumnWithTrigger in changeset r.xml::1::ann, step 1 of 5: drop trigger online_sync_status_order_status
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;
SET LOCAL lock_timeout = '1000ms';
DROP TRIGGER IF EXISTS online_sync_status_order_status ON public.orders;
COMMIT;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 2 of 5: drop constraint events_order_order_status_fkey of public.events
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.events DROP CONSTRAINT IF EXISTS events_order_order_status_fkey;
COMMIT;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 3 of 5: drop index orders_open_order_status
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- runs outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS public.orders_open_order_status;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 4 of 5: drop column order_status with its constraints
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.orders DROP COLUMN IF EXISTS order_status;
COMMIT;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 5 of 5: drop function public.online_sync_orders_status_order_status
-- lock: no table lock
-- liquibase update runs it without lock_timeout: the application can read and write
DROP FUNCTION IF EXISTS public.online_sync_orders_status_order_status();
