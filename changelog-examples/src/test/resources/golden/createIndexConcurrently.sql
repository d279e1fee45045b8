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
-- Change Log: examples/createIndexConcurrently/changelog.xml
-- Ran at: (masked)
-- Against: (masked)
-- Liquibase version: (masked)
-- *********************************************************************

-- Changeset examples/createIndexConcurrently/changelog.xml::customers::ann
CREATE TABLE public.customers (id BIGINT NOT NULL, email VARCHAR(200) NOT NULL, deleted_at TIMESTAMP WITHOUT TIME ZONE, CONSTRAINT customers_pkey PRIMARY KEY (id));

INSERT INTO customers (id, email, deleted_at)
            SELECT g, 'Customer' || g || '@example.com', CASE WHEN g % 10 = 0 THEN timestamp '2024-01-31' END
              FROM generate_series(1, 300) g;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('customers', 'ann', 'examples/createIndexConcurrently/changelog.xml', NOW(), 1, '(checksum)', 'createTable tableName=customers; sql', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Changeset examples/createIndexConcurrently/changelog.xml::customers-email-live-key::ann
-- createIndexConcurrently in changeset examples/createIndexConcurrently/changelog.xml::customers-email-live-key::ann, step 1 of 2: drop index customers_email_live_key if an interrupted earlier run left it INVALID
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.customers') AND c.relname = (parse_ident('customers_email_live_key'))[1] AND NOT i.indisvalid)
-- runs outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS customers_email_live_key;

-- createIndexConcurrently in changeset examples/createIndexConcurrently/changelog.xml::customers-email-live-key::ann, step 2 of 2: build unique index customers_email_live_key on public.customers concurrently
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.customers') AND c.relname = (parse_ident('customers_email_live_key'))[1] AND i.indisvalid)
-- runs outside a transaction block
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS customers_email_live_key ON public.customers ((lower(email))) WHERE deleted_at IS NULL;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('customers-email-live-key', 'ann', 'examples/createIndexConcurrently/changelog.xml', NOW(), 2, '(checksum)', 'createIndexConcurrently indexName=customers_email_live_key, tableName=customers', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;

