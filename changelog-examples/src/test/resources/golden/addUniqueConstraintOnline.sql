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
-- Change Log: examples/addUniqueConstraintOnline/changelog.xml
-- Ran at: (masked)
-- Against: (masked)
-- Liquibase version: (masked)
-- *********************************************************************

-- Changeset examples/addUniqueConstraintOnline/changelog.xml::orders::ann
CREATE TABLE public.orders (id BIGINT NOT NULL, order_number VARCHAR(20), CONSTRAINT orders_pkey PRIMARY KEY (id));

INSERT INTO orders (id, order_number) SELECT g, 'ORD-' || (100000 + g) FROM generate_series(1, 300) g;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('orders', 'ann', 'examples/addUniqueConstraintOnline/changelog.xml', NOW(), 1, '(checksum)', 'createTable tableName=orders; sql', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Changeset examples/addUniqueConstraintOnline/changelog.xml::orders-order-number-key::ann
-- addUniqueConstraintOnline in changeset examples/addUniqueConstraintOnline/changelog.xml::orders-order-number-key::ann, step 1 of 3: drop index orders_order_number_key if an interrupted earlier run left it INVALID
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.orders') AND c.relname = (parse_ident('orders_order_number_key'))[1] AND NOT i.indisvalid)
-- runs outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS orders_order_number_key;

-- addUniqueConstraintOnline in changeset examples/addUniqueConstraintOnline/changelog.xml::orders-order-number-key::ann, step 2 of 3: build unique index orders_order_number_key on (order_number) concurrently
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.orders') AND c.relname = (parse_ident('orders_order_number_key'))[1] AND i.indisvalid)
-- runs outside a transaction block
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_order_number_key ON public.orders (order_number);

-- addUniqueConstraintOnline in changeset examples/addUniqueConstraintOnline/changelog.xml::orders-order-number-key::ann, step 3 of 3: turn index orders_order_number_key into the unique constraint orders_order_number_key (catalog only)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_order_number_key'))[1])
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ADD CONSTRAINT orders_order_number_key UNIQUE USING INDEX orders_order_number_key;

COMMIT;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('orders-order-number-key', 'ann', 'examples/addUniqueConstraintOnline/changelog.xml', NOW(), 2, '(checksum)', 'addUniqueConstraintOnline constraintName=orders_order_number_key, tableName=orders', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;

