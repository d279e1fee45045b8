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
-- Change Log: examples/addNotNullConstraintOnline/changelog.xml
-- Ran at: (masked)
-- Against: (masked)
-- Liquibase version: (masked)
-- *********************************************************************

-- Changeset examples/addNotNullConstraintOnline/changelog.xml::orders::ann
CREATE TABLE public.orders (id BIGINT NOT NULL, status VARCHAR(20), CONSTRAINT orders_pkey PRIMARY KEY (id));

INSERT INTO orders (id, status)
            SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'shipped' END FROM generate_series(1, 300) g;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('orders', 'ann', 'examples/addNotNullConstraintOnline/changelog.xml', NOW(), 1, '(checksum)', 'createTable tableName=orders; sql', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Changeset examples/addNotNullConstraintOnline/changelog.xml::status-not-null::ann
-- addNotNullConstraintOnline in changeset examples/addNotNullConstraintOnline/changelog.xml::status-not-null::ann, step 1 of 3: fill status of public.orders with 'pending' where it IS NULL, in batches
-- lock: ROW EXCLUSIVE (row locks on one batch at a time)
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- The batch loop is not printed: it walks the table by its key, which is read from the database while
-- printing, and the table does not exist yet (an earlier changeset of this script creates it) or the
-- connection is offline. liquibase update finds the key when the change starts
-- (for backfillInBatches, keyColumns names it and prints the loop);

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

