-- backfillInBatches in changeset c.xml::2::ann, step 1 of 1: backfill status of public.orders where it IS NULL, in batches
-- lock: ROW EXCLUSIVE (row locks on one batch at a time)
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- One transaction per batch of 10000 keys; run outside a transaction block. Safe to rerun: it only fills rows where status IS NULL.
DO $online$
DECLARE
    online_lo record;
    online_last record;
    online_hi record;
    online_rows bigint;
    online_total bigint := 0;
    online_lock_timeout text := current_setting('lock_timeout');
BEGIN
    PERFORM set_config('lock_timeout', '1000ms', false);
    SELECT id INTO online_last FROM public.orders ORDER BY id DESC LIMIT 1;
    SELECT id INTO online_lo FROM public.orders ORDER BY id LIMIT 1;
    WHILE online_lo IS NOT NULL LOOP
        SELECT id INTO online_hi FROM public.orders WHERE (id) > (online_lo.id) AND (id) <= (online_last.id) ORDER BY id OFFSET 9999 LIMIT 1;
        IF online_hi IS NULL THEN
            UPDATE public.orders SET status = 'pending' WHERE (id) >= (online_lo.id) AND (id) <= (online_last.id) AND status IS NULL AND (total_cents > 0);
        ELSE
            UPDATE public.orders SET status = 'pending' WHERE (id) >= (online_lo.id) AND (id) < (online_hi.id) AND status IS NULL AND (total_cents > 0);
        END IF;
        GET DIAGNOSTICS online_rows = ROW_COUNT;
        online_total := online_total + online_rows;
        COMMIT;
        RAISE NOTICE 'backfill: % rows updated', online_total;
        online_lo := online_hi;
    END LOOP;
    PERFORM set_config('lock_timeout', online_lock_timeout, false);
END
$online$;
