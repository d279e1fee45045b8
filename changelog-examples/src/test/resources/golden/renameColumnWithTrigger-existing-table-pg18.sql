-- Lock Database
UPDATE public.databasechangeloglock SET LOCKED = TRUE, LOCKEDBY = '(masked)', LOCKGRANTED = NOW() WHERE ID = 1 AND LOCKED = FALSE;

-- *********************************************************************
-- Update Database Script
-- *********************************************************************
-- Change Log: examples/renameColumnWithTrigger/changelog.xml
-- Ran at: (masked)
-- Against: (masked)
-- Liquibase version: (masked)
-- *********************************************************************

-- Changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann
-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 1 of 9: create trigger function public.online_sync_orders_status_order_status that keeps status and order_status equal
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

-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 2 of 9: add column order_status character varying(20) (nullable, no default while the trigger runs)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS order_status character varying(20);

COMMIT;

-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 3 of 9: create trigger online_sync_status_order_status on public.orders
-- lock: SHARE ROW EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass('public.orders') AND tgname = 'online_sync_status_order_status')
BEGIN;

SET LOCAL lock_timeout = '1000ms';

CREATE TRIGGER online_sync_status_order_status BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.online_sync_orders_status_order_status();

COMMIT;

-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 4 of 9: copy status into order_status where order_status IS NULL, in batches
-- lock: ROW EXCLUSIVE (row locks on one batch at a time)
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- One transaction per batch of 100 keys; run outside a transaction block. Safe to rerun: it only fills rows where order_status IS NULL.
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
        SELECT id INTO online_hi FROM public.orders WHERE (id) > (online_lo.id) AND (id) <= (online_last.id) ORDER BY id OFFSET 99 LIMIT 1;
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

-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 5 of 9: add NOT NULL order_status NOT VALID as orders_order_status_not_null (no scan; checks new rows only)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('order_status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull)
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ADD CONSTRAINT orders_order_status_not_null NOT NULL order_status NOT VALID;

COMMIT;

-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 6 of 9: validate orders_order_status_not_null: scans the table while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('order_status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull) AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] WHERE k.conrelid = to_regclass('public.orders') AND k.contype = 'n' AND NOT k.convalidated AND a.attname = (parse_ident('order_status'))[1])
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_order_status_not_null;

-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 7 of 9: drop index orders_order_status_idx if an interrupted earlier run left it INVALID
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.orders') AND c.relname = (parse_ident('orders_order_status_idx'))[1] AND NOT i.indisvalid)
-- runs outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS public.orders_order_status_idx;

-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 8 of 9: build index orders_order_status_idx as a copy of orders_status_idx (writes go on)
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.orders') AND c.relname = (parse_ident('orders_order_status_idx'))[1] AND i.indisvalid)
-- runs outside a transaction block
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_order_status_idx ON public.orders USING btree (order_status);

-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 9 of 9: verify that no row of public.orders has status IS DISTINCT FROM order_status (reads every row; fails the change if one differs)
-- lock: no table lock
-- liquibase update runs it without lock_timeout: the application can read and write
DO $online_verify$
DECLARE
    online_differ bigint;
BEGIN
    SELECT count(*) INTO online_differ FROM public.orders WHERE order_status IS DISTINCT FROM status;
    IF online_differ > 0 THEN
        RAISE EXCEPTION '% rows of public.orders have status IS DISTINCT FROM order_status (renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann). They were written while the trigger was not active. Make them equal, e.g. UPDATE public.orders SET order_status = status WHERE order_status IS DISTINCT FROM status, then run the update again.', online_differ;
    END IF;
END
$online_verify$;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('rename-status-expand', 'ann', 'examples/renameColumnWithTrigger/changelog.xml', NOW(), 2, '(checksum)', 'renameColumnWithTrigger newColumnName=order_status, oldColumnName=status, tableName=orders', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-contract::ann
-- completeColumnRename in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-contract::ann, step 1 of 3: verify that no row of public.orders has status IS DISTINCT FROM order_status (reads every row; fails the change if one differs)
-- lock: no table lock
-- liquibase update runs it without lock_timeout: the application can read and write
DO $online_verify$
DECLARE
    online_differ bigint;
BEGIN
    SELECT count(*) INTO online_differ FROM public.orders WHERE order_status IS DISTINCT FROM status;
    IF online_differ > 0 THEN
        RAISE EXCEPTION '% rows of public.orders have status IS DISTINCT FROM order_status (completeColumnRename in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-contract::ann). They were written while the trigger was not active. Make them equal, e.g. UPDATE public.orders SET order_status = status WHERE order_status IS DISTINCT FROM status, then run the update again.', online_differ;
    END IF;
END
$online_verify$;

-- completeColumnRename in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-contract::ann, step 2 of 3: give order_status the default of status
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ALTER COLUMN order_status SET DEFAULT 'new'::character varying;

COMMIT;

-- completeColumnRename in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-contract::ann, step 3 of 3: drop trigger online_sync_status_order_status, column status (with its indexes and constraints) and function public.online_sync_orders_status_order_status, in one transaction
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;

SET LOCAL lock_timeout = '1000ms';

DROP TRIGGER IF EXISTS online_sync_status_order_status ON public.orders;
ALTER TABLE public.orders DROP COLUMN IF EXISTS status;
DROP FUNCTION IF EXISTS public.online_sync_orders_status_order_status();

COMMIT;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('rename-status-contract', 'ann', 'examples/renameColumnWithTrigger/changelog.xml', NOW(), 3, '(checksum)', 'completeColumnRename newColumnName=order_status, oldColumnName=status, tableName=orders', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;

