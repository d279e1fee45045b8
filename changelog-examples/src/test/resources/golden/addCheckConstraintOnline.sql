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
-- Change Log: examples/addCheckConstraintOnline/changelog.xml
-- Ran at: (masked)
-- Against: (masked)
-- Liquibase version: (masked)
-- *********************************************************************

-- Changeset examples/addCheckConstraintOnline/changelog.xml::orders::ann
CREATE TABLE public.orders (id BIGINT NOT NULL, total_cents INTEGER, CONSTRAINT orders_pkey PRIMARY KEY (id));

INSERT INTO orders (id, total_cents) SELECT g, g * 10 FROM generate_series(1, 300) g;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('orders', 'ann', 'examples/addCheckConstraintOnline/changelog.xml', NOW(), 1, '(checksum)', 'createTable tableName=orders; sql', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Changeset examples/addCheckConstraintOnline/changelog.xml::orders-total-not-negative::ann
-- addCheckConstraintOnline in changeset examples/addCheckConstraintOnline/changelog.xml::orders-total-not-negative::ann, step 1 of 2: add check orders_total_not_negative NOT VALID (no scan; checks new rows only)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_total_not_negative'))[1])
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ADD CONSTRAINT orders_total_not_negative CHECK (total_cents >= 0) NOT VALID;

COMMIT;

-- addCheckConstraintOnline in changeset examples/addCheckConstraintOnline/changelog.xml::orders-total-not-negative::ann, step 2 of 2: validate check orders_total_not_negative: scans while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_total_not_negative'))[1] AND convalidated)
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_total_not_negative;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('orders-total-not-negative', 'ann', 'examples/addCheckConstraintOnline/changelog.xml', NOW(), 2, '(checksum)', 'addCheckConstraintOnline constraintName=orders_total_not_negative, tableName=orders', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;

