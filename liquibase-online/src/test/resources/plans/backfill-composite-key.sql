-- backfillInBatches in changeset c.xml::3::ann, step 1 of 1: backfill price of public.order_lines where it IS NULL, in batches
-- lock: ROW EXCLUSIVE (row locks on one batch at a time)
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- One transaction per batch of 500 keys; run outside a transaction block. Safe to rerun: it only fills rows where price IS NULL.
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
    SELECT order_id, line_no INTO online_last FROM public.order_lines ORDER BY order_id DESC, line_no DESC LIMIT 1;
    SELECT order_id, line_no INTO online_lo FROM public.order_lines ORDER BY order_id, line_no LIMIT 1;
    WHILE online_lo IS NOT NULL LOOP
        SELECT order_id, line_no INTO online_hi FROM public.order_lines WHERE (order_id, line_no) > (online_lo.order_id, online_lo.line_no) AND (order_id, line_no) <= (online_last.order_id, online_last.line_no) ORDER BY order_id, line_no OFFSET 499 LIMIT 1;
        IF online_hi IS NULL THEN
            UPDATE public.order_lines SET price = order_id * 100 WHERE (order_id, line_no) >= (online_lo.order_id, online_lo.line_no) AND (order_id, line_no) <= (online_last.order_id, online_last.line_no) AND price IS NULL;
        ELSE
            UPDATE public.order_lines SET price = order_id * 100 WHERE (order_id, line_no) >= (online_lo.order_id, online_lo.line_no) AND (order_id, line_no) < (online_hi.order_id, online_hi.line_no) AND price IS NULL;
        END IF;
        GET DIAGNOSTICS online_rows = ROW_COUNT;
        online_total := online_total + online_rows;
        COMMIT;
        RAISE NOTICE 'backfill: % rows updated', online_total;
        PERFORM pg_sleep(0.25);
        online_lo := online_hi;
    END LOOP;
    PERFORM set_config('lock_timeout', online_lock_timeout, false);
END
$online$;
