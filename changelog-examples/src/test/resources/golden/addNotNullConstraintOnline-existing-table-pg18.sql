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
-- addNotNullConstraintOnline in changeset examples/addNotNullConstraintOnline/changelog.xml::status-not-null::ann, step 1 of 3: fill status of public.orders with 'pending' where it IS NULL, in batches
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

-- addNotNullConstraintOnline in changeset examples/addNotNullConstraintOnline/changelog.xml::status-not-null::ann, step 2 of 3: add NOT NULL status NOT VALID as orders_status_not_null (no scan; checks new rows only)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull)
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ADD CONSTRAINT orders_status_not_null NOT NULL status NOT VALID;

COMMIT;

-- addNotNullConstraintOnline in changeset examples/addNotNullConstraintOnline/changelog.xml::status-not-null::ann, step 3 of 3: validate orders_status_not_null: scans the table while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('status'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull) AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] WHERE k.conrelid = to_regclass('public.orders') AND k.contype = 'n' AND NOT k.convalidated AND a.attname = (parse_ident('status'))[1])
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_status_not_null;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('status-not-null', 'ann', 'examples/addNotNullConstraintOnline/changelog.xml', NOW(), 2, '(checksum)', 'addNotNullConstraintOnline columnName=status, tableName=orders', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;

