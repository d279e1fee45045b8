-- completeColumnRename in changeset r.xml::2::ann, step 1 of 4: verify that no row of public.orders has status IS DISTINCT FROM order_status (reads every row; fails the change if one differs)
-- lock: no table lock
-- liquibase update runs it without lock_timeout: the application can read and write
DO $online_verify$
DECLARE
    online_differ bigint;
BEGIN
    SELECT count(*) INTO online_differ FROM public.orders WHERE order_status IS DISTINCT FROM status;
    IF online_differ > 0 THEN
        RAISE EXCEPTION '% rows of public.orders have status IS DISTINCT FROM order_status (completeColumnRename in changeset r.xml::2::ann). They were written while the trigger was not active. Make them equal, e.g. UPDATE public.orders SET order_status = status WHERE order_status IS DISTINCT FROM status, then run the update again.', online_differ;
    END IF;
END
$online_verify$;
-- completeColumnRename in changeset r.xml::2::ann, step 2 of 4: give order_status the default of status
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.orders ALTER COLUMN order_status SET DEFAULT 'pending'::character varying;
COMMIT;
-- completeColumnRename in changeset r.xml::2::ann, step 3 of 4: drop constraint events_order_status_fkey of public.events
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.events DROP CONSTRAINT IF EXISTS events_order_status_fkey;
COMMIT;
-- completeColumnRename in changeset r.xml::2::ann, step 4 of 4: drop trigger online_sync_status_order_status, column status (with its indexes and constraints) and function public.online_sync_orders_status_order_status, in one transaction
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;
SET LOCAL lock_timeout = '1000ms';
DROP TRIGGER IF EXISTS online_sync_status_order_status ON public.orders;
ALTER TABLE public.orders DROP COLUMN IF EXISTS status;
DROP FUNCTION IF EXISTS public.online_sync_orders_status_order_status();
COMMIT;
