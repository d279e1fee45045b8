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
-- Change Log: examples/addColumnOnline/changelog.xml
-- Ran at: (masked)
-- Against: (masked)
-- Liquibase version: (masked)
-- *********************************************************************

-- Changeset examples/addColumnOnline/changelog.xml::orders::ann
CREATE TABLE public.orders (id BIGINT NOT NULL, total_cents INTEGER, CONSTRAINT orders_pkey PRIMARY KEY (id));

CREATE SEQUENCE  IF NOT EXISTS public.invoice_number_seq;

INSERT INTO orders (id, total_cents) SELECT g, g * 10 FROM generate_series(1, 300) g;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('orders', 'ann', 'examples/addColumnOnline/changelog.xml', NOW(), 1, '(checksum)', 'createTable tableName=orders; createSequence sequenceName=invoice_number_seq; sql', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Changeset examples/addColumnOnline/changelog.xml::add-invoice-number::ann
-- addColumnOnline in changeset examples/addColumnOnline/changelog.xml::add-invoice-number::ann, step 1 of 11: add column invoice_number BIGINT as nullable, without default (catalog only)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('invoice_number'))[1] AND attnum > 0 AND NOT attisdropped)
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ADD COLUMN invoice_number BIGINT;

COMMIT;

-- addColumnOnline in changeset examples/addColumnOnline/changelog.xml::add-invoice-number::ann, step 2 of 11: set the default of invoice_number before the backfill, so rows inserted meanwhile get it
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('invoice_number'))[1] AND attnum > 0 AND NOT attisdropped AND atthasdef)
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ALTER COLUMN invoice_number SET DEFAULT nextval('invoice_number_seq');

COMMIT;

-- addColumnOnline in changeset examples/addColumnOnline/changelog.xml::add-invoice-number::ann, step 3 of 11: backfill invoice_number of public.orders with nextval('invoice_number_seq') where it IS NULL, in batches
-- lock: ROW EXCLUSIVE (row locks on one batch at a time)
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- The batch loop is not printed: it walks the table by its key, which is read from the database while
-- printing, and the table does not exist yet (an earlier changeset of this script creates it) or the
-- connection is offline. liquibase update finds the key when the change starts
-- (for backfillInBatches, keyColumns names it and prints the loop);

-- addColumnOnline in changeset examples/addColumnOnline/changelog.xml::add-invoice-number::ann, step 4 of 11: add CHECK (invoice_number IS NOT NULL) NOT VALID as orders_invoice_number_nn_check (no scan)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('invoice_number'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull) OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_invoice_number_nn_check'))[1])
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ADD CONSTRAINT orders_invoice_number_nn_check CHECK (invoice_number IS NOT NULL) NOT VALID;

COMMIT;

-- addColumnOnline in changeset examples/addColumnOnline/changelog.xml::add-invoice-number::ann, step 5 of 11: validate orders_invoice_number_nn_check: scans the table while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('invoice_number'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull) OR EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_invoice_number_nn_check'))[1] AND convalidated)
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_invoice_number_nn_check;

-- addColumnOnline in changeset examples/addColumnOnline/changelog.xml::add-invoice-number::ann, step 6 of 11: set invoice_number NOT NULL (the valid check spares the scan)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('public.orders') AND attname = (parse_ident('invoice_number'))[1] AND attnum > 0 AND NOT attisdropped AND attnotnull)
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ALTER COLUMN invoice_number SET NOT NULL;

COMMIT;

-- addColumnOnline in changeset examples/addColumnOnline/changelog.xml::add-invoice-number::ann, step 7 of 11: drop the helper check orders_invoice_number_nn_check, NOT NULL now holds
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_invoice_number_nn_check'))[1])
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_invoice_number_nn_check;

COMMIT;

-- addColumnOnline in changeset examples/addColumnOnline/changelog.xml::add-invoice-number::ann, step 8 of 11: drop index orders_invoice_number_key if an interrupted earlier run left it INVALID
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.orders') AND c.relname = (parse_ident('orders_invoice_number_key'))[1] AND NOT i.indisvalid)
-- runs outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS orders_invoice_number_key;

-- addColumnOnline in changeset examples/addColumnOnline/changelog.xml::add-invoice-number::ann, step 9 of 11: build unique index orders_invoice_number_key on invoice_number concurrently
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.orders') AND c.relname = (parse_ident('orders_invoice_number_key'))[1] AND i.indisvalid)
-- runs outside a transaction block
CREATE UNIQUE INDEX CONCURRENTLY orders_invoice_number_key ON public.orders (invoice_number);

-- addColumnOnline in changeset examples/addColumnOnline/changelog.xml::add-invoice-number::ann, step 10 of 11: turn index orders_invoice_number_key into the unique constraint orders_invoice_number_key (catalog only)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_invoice_number_key'))[1])
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ADD CONSTRAINT orders_invoice_number_key UNIQUE USING INDEX orders_invoice_number_key;

COMMIT;

-- addColumnOnline in changeset examples/addColumnOnline/changelog.xml::add-invoice-number::ann, step 11 of 11: update the planner statistics of public.orders
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- runs outside a transaction block
ANALYZE public.orders;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('add-invoice-number', 'ann', 'examples/addColumnOnline/changelog.xml', NOW(), 2, '(checksum)', 'addColumnOnline tableName=orders', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;

