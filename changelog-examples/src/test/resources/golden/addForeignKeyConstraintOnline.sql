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
-- Change Log: examples/addForeignKeyConstraintOnline/changelog.xml
-- Ran at: (masked)
-- Against: (masked)
-- Liquibase version: (masked)
-- *********************************************************************

-- Changeset examples/addForeignKeyConstraintOnline/changelog.xml::customers-and-orders::ann
CREATE TABLE public.customers (id BIGINT NOT NULL, name VARCHAR(100), CONSTRAINT customers_pkey PRIMARY KEY (id));

CREATE TABLE public.orders (id BIGINT NOT NULL, customer_id BIGINT, CONSTRAINT orders_pkey PRIMARY KEY (id));

INSERT INTO customers (id, name) SELECT g, 'customer ' || g FROM generate_series(1, 50) g;

INSERT INTO orders (id, customer_id) SELECT g, g % 50 + 1 FROM generate_series(1, 300) g;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('customers-and-orders', 'ann', 'examples/addForeignKeyConstraintOnline/changelog.xml', NOW(), 1, '(checksum)', 'createTable tableName=customers; createTable tableName=orders; sql; sql', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Changeset examples/addForeignKeyConstraintOnline/changelog.xml::orders-customer-fk::ann
-- addForeignKeyConstraintOnline in changeset examples/addForeignKeyConstraintOnline/changelog.xml::orders-customer-fk::ann, step 1 of 4: drop index orders_customer_id_idx if an interrupted earlier run left it INVALID
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.orders') AND c.relname = (parse_ident('orders_customer_id_idx'))[1] AND NOT i.indisvalid)
-- runs outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;

-- addForeignKeyConstraintOnline in changeset examples/addForeignKeyConstraintOnline/changelog.xml::orders-customer-fk::ann, step 2 of 4: build index orders_customer_id_idx on the referencing columns (customer_id) concurrently
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass('public.orders') AND c.relname = (parse_ident('orders_customer_id_idx'))[1] AND i.indisvalid)
-- runs outside a transaction block
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON public.orders (customer_id);

-- addForeignKeyConstraintOnline in changeset examples/addForeignKeyConstraintOnline/changelog.xml::orders-customer-fk::ann, step 3 of 4: add foreign key orders_customer_fk NOT VALID (no scan; checks new rows only)
-- lock: SHARE ROW EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_customer_fk'))[1])
BEGIN;

SET LOCAL lock_timeout = '1000ms';

ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers (id) NOT VALID;

COMMIT;

-- addForeignKeyConstraintOnline in changeset examples/addForeignKeyConstraintOnline/changelog.xml::orders-customer-fk::ann, step 4 of 4: validate foreign key orders_customer_fk: scans while reads and writes go on
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass('public.orders') AND conname = (parse_ident('orders_customer_fk'))[1] AND convalidated)
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_customer_fk;

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('orders-customer-fk', 'ann', 'examples/addForeignKeyConstraintOnline/changelog.xml', NOW(), 2, '(checksum)', 'addForeignKeyConstraintOnline baseTableName=orders, constraintName=orders_customer_fk, referencedTableName=customers', '', 'EXECUTED', NULL, NULL, '(Liquibase version)', '(deployment id)');

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;

