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
-- Change Log: examples/dropIndexConcurrently/changelog.xml
-- Ran at: (masked)
-- Against: (masked)
-- Liquibase version: (masked)
-- *********************************************************************

-- Changeset examples/dropIndexConcurrently/changelog.xml::orders::ann
CREATE TABLE public.orders (id BIGINT NOT NULL, total_cents INTEGER, CONSTRAINT orders_pkey PRIMARY KEY (id));

CREATE INDEX orders_total_cents_idx ON public.orders(total_cents);

INSERT INTO orders (id, total_cents) SELECT g, g * 10 FROM generate_series(1, 300) g;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('orders', 'ann', 'examples/dropIndexConcurrently/changelog.xml', NOW(), 1, '(checksum)', 'createTable tableName=orders; createIndex indexName=orders_total_cents_idx, tableName=orders; sql', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Changeset examples/dropIndexConcurrently/changelog.xml::drop-orders-total-cents-idx::ann
-- dropIndexConcurrently in changeset examples/dropIndexConcurrently/changelog.xml::drop-orders-total-cents-idx::ann, step 1 of 1: drop index orders_total_cents_idx concurrently (if it exists)
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- runs outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS orders_total_cents_idx;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('drop-orders-total-cents-idx', 'ann', 'examples/dropIndexConcurrently/changelog.xml', NOW(), 2, '(checksum)', 'dropIndexConcurrently indexName=orders_total_cents_idx, tableName=orders', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;

