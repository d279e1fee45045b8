-- completeColumnRename in changeset r.xml::2::ann, step 1 of 6: create trigger function public.online_sync_orders_status_order_status that keeps status and order_status equal
-- lock: no table lock
-- liquibase update runs it without lock_timeout: the application can read and write
CREATE OR REPLACE FUNCTION public.online_sync_orders_status_order_status() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $online_sync$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.order_status IS NULL THEN
            NEW.order_status := NEW.status;
        ELSE
            NEW.status := NEW.order_status;
        END IF;
    ELSIF NEW.order_status IS DISTINCT FROM OLD.order_status THEN
        NEW.status := NEW.order_status;
    ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
        NEW.order_status := NEW.status;
    ELSIF NEW.order_status IS NULL THEN
        NEW.order_status := NEW.status;
    ELSE
        NEW.status := NEW.order_status;
    END IF;
    RETURN NEW;
END
$online_sync$;
-- completeColumnRename in changeset r.xml::2::ann, step 2 of 6: add column status character varying(20) (nullable, no default while the trigger runs)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS status character varying(20);
COMMIT;
-- completeColumnRename in changeset r.xml::2::ann, step 3 of 6: create trigger online_sync_status_order_status on public.orders
-- lock: SHARE ROW EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass('public.orders') AND tgname = 'online_sync_status_order_status')
BEGIN;
SET LOCAL lock_timeout = '1000ms';
CREATE TRIGGER online_sync_status_order_status BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.online_sync_orders_status_order_status();
COMMIT;
-- completeColumnRename in changeset r.xml::2::ann, step 4 of 6: copy order_status into status where status IS NULL, in batches
-- lock: ROW EXCLUSIVE (row locks on one batch at a time)
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- The batch loop is not printed: it walks the table by its key, which is read from the database while
-- printing, and the table does not exist yet (an earlier changeset of this script creates it) or the
-- connection is offline. liquibase update finds the key when the change starts
-- (for backfillInBatches, keyColumns names it and prints the loop);
-- completeColumnRename in changeset r.xml::2::ann, step 5 of 6: move the default back to status
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.orders ALTER COLUMN status SET DEFAULT 'pending'::character varying, ALTER COLUMN order_status DROP DEFAULT;
COMMIT;
-- completeColumnRename in changeset r.xml::2::ann, step 6 of 6: verify that no row of public.orders has status IS DISTINCT FROM order_status (reads every row; fails the change if one differs)
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
