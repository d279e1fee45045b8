-- Create Database Lock Table
CREATE TABLE public.databasechangeloglock (ID INTEGER NOT NULL, LOCKED BOOLEAN NOT NULL, LOCKGRANTED TIMESTAMP WITHOUT TIME ZONE, LOCKEDBY VARCHAR(255), CONSTRAINT databasechangeloglock_pkey PRIMARY KEY (ID));

-- Initialize Database Lock Table
DELETE FROM public.databasechangeloglock;

INSERT INTO public.databasechangeloglock (ID, LOCKED) VALUES (1, FALSE);

-- Lock Database
UPDATE public.databasechangeloglock SET LOCKED = TRUE, LOCKEDBY = '(masked)', LOCKGRANTED = NOW() WHERE ID = 1 AND LOCKED = FALSE;

-- Create Database Change Log Table
CREATE TABLE public.databasechangelog (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL, FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP WITHOUT TIME ZONE NOT NULL, ORDEREXECUTED INTEGER NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10));

-- *********************************************************************
-- Update Database Script
-- *********************************************************************
-- Change Log: examples/renameColumnWithTrigger/changelog.xml
-- Ran at: (masked)
-- Against: (masked)
-- Liquibase version: (masked)
-- *********************************************************************

-- Changeset examples/renameColumnWithTrigger/changelog.xml::orders::ann
CREATE TABLE public.orders (id BIGINT NOT NULL, status VARCHAR(20) DEFAULT 'new' NOT NULL, CONSTRAINT orders_pkey PRIMARY KEY (id));

CREATE INDEX orders_status_idx ON public.orders(status);

INSERT INTO orders (id, status)
            SELECT g, CASE WHEN g % 3 = 0 THEN 'shipped' ELSE 'new' END FROM generate_series(1, 300) g;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('orders', 'ann', 'examples/renameColumnWithTrigger/changelog.xml', NOW(), 1, '(checksum)', 'createTable tableName=orders; createIndex indexName=orders_status_idx, tableName=orders; sql', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann
-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann: column status of public.orders cannot be read now (the table is created by an earlier changeset, or there is no connection); its type, default, NOT NULL, indexes and constraints are read when the change runs and the steps that depend on them are not printed here.
-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 1 of 5: create trigger function public.online_sync_orders_status_order_status that keeps status and order_status equal
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

-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 2 of 5: add column order_status with the type of status (nullable, no default while the trigger runs)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
BEGIN;

SET LOCAL lock_timeout = '1000ms';

DO $online_add$
BEGIN
    EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s %s', 'public.orders', 'order_status',
        (SELECT format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute
          WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('status'))[1]));
END
$online_add$;

COMMIT;

-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 3 of 5: create trigger online_sync_status_order_status on public.orders
-- lock: SHARE ROW EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass('public.orders') AND tgname = 'online_sync_status_order_status')
BEGIN;

SET LOCAL lock_timeout = '1000ms';

CREATE TRIGGER online_sync_status_order_status BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.online_sync_orders_status_order_status();

COMMIT;

-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 4 of 5: copy status into order_status where order_status IS NULL, in batches
-- lock: ROW EXCLUSIVE (row locks on one batch at a time)
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- The batch loop is not printed: it walks the table by its key, which is read from the database while
-- printing, and the table does not exist yet (an earlier changeset of this script creates it) or the
-- connection is offline. liquibase update finds the key when the change starts
-- (for backfillInBatches, keyColumns names it and prints the loop);

-- renameColumnWithTrigger in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-expand::ann, step 5 of 5: verify that no row of public.orders has status IS DISTINCT FROM order_status (reads every row; fails the change if one differs)
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
-- completeColumnRename in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-contract::ann: column status of public.orders cannot be read now (the table is created by an earlier changeset, or there is no connection); its type, default, NOT NULL, indexes and constraints are read when the change runs and the steps that depend on them are not printed here.
-- completeColumnRename in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-contract::ann, step 1 of 2: verify that no row of public.orders has status IS DISTINCT FROM order_status (reads every row; fails the change if one differs)
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

-- completeColumnRename in changeset examples/renameColumnWithTrigger/changelog.xml::rename-status-contract::ann, step 2 of 2: drop trigger online_sync_status_order_status, column status (with its indexes and constraints) and function public.online_sync_orders_status_order_status, in one transaction
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

