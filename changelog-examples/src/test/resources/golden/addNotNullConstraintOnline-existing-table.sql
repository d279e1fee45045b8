-- Lock Database
UPDATE public.databasechangeloglock SET LOCKED = TRUE, LOCKEDBY = '(masked)', LOCKGRANTED = NOW() WHERE ID = 1 AND LOCKED = FALSE;

-- *********************************************************************
-- Update Database Script
-- *********************************************************************
-- Change Log: examples/addNotNullConstraintOnline/changelog.xml
-- Ran at: (masked)
-- Against: (masked)
-- Liquibase version: (masked)
-- *********************************************************************

-- Changeset examples/addNotNullConstraintOnline/changelog.xml::status-not-null::ann
-- addNotNullConstraintOnline in changeset examples/addNotNullConstraintOnline/changelog.xml::status-not-null::ann, step 1 of 5: fill status of public.orders with 'pending' where it IS NULL, in batches
-- lock: ROW EXCLUSIVE (row locks on one batch at a time)
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- One transaction per batch of 100 keys; run outside a transaction block. Safe to rerun: it only fills rows where status IS NULL.
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
            UPDATE public.orders SET status = 'pending' WHERE (id) >= (online_lo.id) AND (id) <= (online_last.id) AND status IS NULL;
        ELSE
            UPDATE public.orders SET status = 'pending' WHERE (id) >= (online_lo.id) AND (id) < (online_hi.id) AND status IS NULL;
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

-- addNotNullConstraintOnline in changeset examples/addNotNullConstraintOnline/changelog.xml::status-not-null::ann, step 2 of 5: add CHECK (status IS NOT NULL) NOT VALID as orders_status_nn_check (no scan)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull) OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_status_nn_check'))[1])
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ADD CONSTRAINT orders_status_nn_check CHECK (status IS NOT NULL) NOT VALID;

COMMIT;

-- addNotNullConstraintOnline in changeset examples/addNotNullConstraintOnline/changelog.xml::status-not-null::ann, step 3 of 5: validate orders_status_nn_check: scans the table while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull) OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_status_nn_check'))[1] AND convalidated)
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_status_nn_check;

-- addNotNullConstraintOnline in changeset examples/addNotNullConstraintOnline/changelog.xml::status-not-null::ann, step 4 of 5: set status NOT NULL (the valid check spares the scan)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull)
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ALTER COLUMN status SET NOT NULL;

COMMIT;

-- addNotNullConstraintOnline in changeset examples/addNotNullConstraintOnline/changelog.xml::status-not-null::ann, step 5 of 5: drop the helper check orders_status_nn_check, NOT NULL now holds
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_status_nn_check'))[1])
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_status_nn_check;

COMMIT;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('status-not-null', 'ann', 'examples/addNotNullConstraintOnline/changelog.xml', NOW(), 2, '(checksum)', 'addNotNullConstraintOnline columnName=status, tableName=orders', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;

