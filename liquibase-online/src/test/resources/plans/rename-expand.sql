-- renameColumnWithTrigger in changeset r.xml::1::ann, step 1 of 20: create trigger function public.online_sync_orders_status_order_status that keeps status and order_status equal
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
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 2 of 20: add column order_status character varying(20) (nullable, no default while the trigger runs)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS order_status character varying(20);
COMMIT;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 3 of 20: create trigger online_sync_status_order_status on public.orders
-- lock: SHARE ROW EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass('public.orders') AND tgname = 'online_sync_status_order_status')
BEGIN;
SET LOCAL lock_timeout = '1000ms';
CREATE TRIGGER online_sync_status_order_status BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.online_sync_orders_status_order_status();
COMMIT;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 4 of 20: copy status into order_status where order_status IS NULL, in batches
-- lock: ROW EXCLUSIVE (row locks on one batch at a time)
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- One transaction per batch of 1000 keys; run outside a transaction block. Safe to rerun: it only fills rows where order_status IS NULL.
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
        SELECT id INTO online_hi FROM public.orders WHERE (id) > (online_lo.id) AND (id) <= (online_last.id) ORDER BY id OFFSET 999 LIMIT 1;
        IF online_hi IS NULL THEN
            UPDATE public.orders SET order_status = status WHERE (id) >= (online_lo.id) AND (id) <= (online_last.id) AND order_status IS NULL AND (status IS NOT NULL);
        ELSE
            UPDATE public.orders SET order_status = status WHERE (id) >= (online_lo.id) AND (id) < (online_hi.id) AND order_status IS NULL AND (status IS NOT NULL);
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
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 5 of 20: add CHECK (order_status IS NOT NULL) NOT VALID as orders_order_status_nn_check (no scan)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('order_status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull) OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_order_status_nn_check'))[1])
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.orders ADD CONSTRAINT orders_order_status_nn_check CHECK (order_status IS NOT NULL) NOT VALID;
COMMIT;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 6 of 20: validate orders_order_status_nn_check: scans the table while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('order_status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull) OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_order_status_nn_check'))[1] AND convalidated)
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_order_status_nn_check;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 7 of 20: set order_status NOT NULL (the valid check spares the scan)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('order_status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull)
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.orders ALTER COLUMN order_status SET NOT NULL;
COMMIT;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 8 of 20: drop the helper check orders_order_status_nn_check, NOT NULL now holds
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_order_status_nn_check'))[1])
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_order_status_nn_check;
COMMIT;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 9 of 20: drop index orders_order_status_key if an interrupted earlier run left it INVALID
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.orders') AND c.relname = (parse_ident('orders_order_status_key'))[1] AND NOT i.indisvalid)
-- runs outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS public.orders_order_status_key;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 10 of 20: build index orders_order_status_key as a copy of orders_status_key (writes go on)
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.orders') AND c.relname = (parse_ident('orders_order_status_key'))[1] AND i.indisvalid)
-- runs outside a transaction block
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_order_status_key ON public.orders USING btree (order_status);
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 11 of 20: turn index orders_order_status_key into the unique constraint orders_order_status_key (catalog only)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_order_status_key'))[1])
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.orders ADD CONSTRAINT orders_order_status_key UNIQUE USING INDEX orders_order_status_key;
COMMIT;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 12 of 20: drop index orders_open_order_status if an interrupted earlier run left it INVALID
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.orders') AND c.relname = (parse_ident('orders_open_order_status'))[1] AND NOT i.indisvalid)
-- runs outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS public.orders_open_order_status;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 13 of 20: build index orders_open_order_status as a copy of orders_open (writes go on)
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.orders') AND c.relname = (parse_ident('orders_open_order_status'))[1] AND i.indisvalid)
-- runs outside a transaction block
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_open_order_status ON public.orders USING btree (customer_id, lower((order_status)::text)) WHERE ((order_status)::text <> 'done'::text);
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 14 of 20: add constraint (copy of orders_status_check) orders_order_status_check NOT VALID (no scan; checks new rows only)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_order_status_check'))[1])
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.orders ADD CONSTRAINT orders_order_status_check CHECK (((order_status)::text <> ''::text)) NOT VALID;
COMMIT;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 15 of 20: validate constraint (copy of orders_status_check) orders_order_status_check: scans while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_order_status_check'))[1] AND convalidated)
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_order_status_check;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 16 of 20: add constraint (copy of orders_status_fkey) orders_order_status_fkey NOT VALID (no scan; checks new rows only)
-- lock: SHARE ROW EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_order_status_fkey'))[1])
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.orders ADD CONSTRAINT orders_order_status_fkey FOREIGN KEY (order_status) REFERENCES statuses(code) NOT VALID;
COMMIT;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 17 of 20: validate constraint (copy of orders_status_fkey) orders_order_status_fkey: scans while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_order_status_fkey'))[1] AND convalidated)
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_order_status_fkey;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 18 of 20: add constraint (copy of events_order_status_fkey) events_order_order_status_fkey NOT VALID (no scan; checks new rows only)
-- lock: SHARE ROW EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.events') AND conname = (parse_ident('events_order_order_status_fkey'))[1])
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE public.events ADD CONSTRAINT events_order_order_status_fkey FOREIGN KEY (order_status) REFERENCES orders(order_status) NOT VALID;
COMMIT;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 19 of 20: validate constraint (copy of events_order_status_fkey) events_order_order_status_fkey: scans while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.events') AND conname = (parse_ident('events_order_order_status_fkey'))[1] AND convalidated)
ALTER TABLE public.events VALIDATE CONSTRAINT events_order_order_status_fkey;
-- renameColumnWithTrigger in changeset r.xml::1::ann, step 20 of 20: verify that no row of public.orders has status IS DISTINCT FROM order_status (reads every row; fails the change if one differs)
-- lock: no table lock
-- liquibase update runs it without lock_timeout: the application can read and write
DO $online_verify$
DECLARE
    online_differ bigint;
BEGIN
    SELECT count(*) INTO online_differ FROM public.orders WHERE order_status IS DISTINCT FROM status;
    IF online_differ > 0 THEN
        RAISE EXCEPTION '% rows of public.orders have status IS DISTINCT FROM order_status (renameColumnWithTrigger in changeset r.xml::1::ann). They were written while the trigger was not active. Make them equal, e.g. UPDATE public.orders SET order_status = status WHERE order_status IS DISTINCT FROM status, then run the update again.', online_differ;
    END IF;
END
$online_verify$;
