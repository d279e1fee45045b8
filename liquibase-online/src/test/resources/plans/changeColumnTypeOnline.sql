-- changeColumnTypeOnline in changeset db.xml::7::ann, step 1 of 7: add the shadow column qty_new BIGINT (nullable, catalog only)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('orders') AND attname = (parse_ident('qty_new'))[1] AND attnum > 0 AND NOT attisdropped)
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE orders ADD COLUMN qty_new BIGINT;
COMMIT;
-- changeColumnTypeOnline in changeset db.xml::7::ann, step 2 of 7: create the function orders_qty_type_sync that keeps qty and qty_new in sync both ways
-- lock: no table lock
-- liquibase update runs it without lock_timeout: the application can read and write
CREATE OR REPLACE FUNCTION orders_qty_type_sync() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $online$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.qty_new IS NULL THEN
            NEW.qty_new := (SELECT CAST(qty AS BIGINT) FROM (SELECT NEW.qty) AS online_row(qty));
        ELSIF NEW.qty_new IS DISTINCT FROM (SELECT CAST(qty AS BIGINT) FROM (SELECT NEW.qty) AS online_row(qty)) THEN
            NEW.qty := (SELECT qty FROM (SELECT NEW.qty_new) AS online_row(qty));
        END IF;
    ELSIF NEW.qty IS DISTINCT FROM OLD.qty AND NEW.qty_new IS NOT DISTINCT FROM OLD.qty_new THEN
        NEW.qty_new := (SELECT CAST(qty AS BIGINT) FROM (SELECT NEW.qty) AS online_row(qty));
    ELSIF NEW.qty_new IS DISTINCT FROM OLD.qty_new AND NEW.qty IS NOT DISTINCT FROM OLD.qty THEN
        IF NEW.qty_new IS DISTINCT FROM (SELECT CAST(qty AS BIGINT) FROM (SELECT NEW.qty) AS online_row(qty)) THEN
            NEW.qty := (SELECT qty FROM (SELECT NEW.qty_new) AS online_row(qty));
        END IF;
    ELSIF NEW.qty_new IS NULL THEN
        NEW.qty_new := (SELECT CAST(qty AS BIGINT) FROM (SELECT NEW.qty) AS online_row(qty));
    END IF;
    RETURN NEW;
END
$online$;
-- changeColumnTypeOnline in changeset db.xml::7::ann, step 3 of 7: create the trigger orders_qty_type_sync on orders (catalog only)
-- lock: SHARE ROW EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = to_regclass('orders') AND tgname = (parse_ident('orders_qty_type_sync'))[1])
BEGIN;
SET LOCAL lock_timeout = '1000ms';
CREATE TRIGGER orders_qty_type_sync BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION orders_qty_type_sync();
COMMIT;
-- changeColumnTypeOnline in changeset db.xml::7::ann, step 4 of 7: fill qty_new of orders with CAST(qty AS BIGINT) where it IS NULL, in batches
-- lock: ROW EXCLUSIVE (row locks on one batch at a time)
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- The batch loop is not printed: it walks the table by its key, which is read from the database while
-- printing, and the table does not exist yet (an earlier changeset of this script creates it) or the
-- connection is offline. liquibase update finds the key when the change starts
-- (for backfillInBatches, keyColumns names it and prints the loop);
-- changeColumnTypeOnline in changeset db.xml::7::ann, step 5 of 7: verify that qty_new = CAST(qty AS BIGINT) in every row (reads only)
-- lock: no table lock
-- liquibase update runs it without lock_timeout: the application can read and write
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('orders') AND attname = (parse_ident('qty_old'))[1] AND attnum > 0 AND NOT attisdropped) AND NOT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('orders') AND attname = (parse_ident('qty_new'))[1] AND attnum > 0 AND NOT attisdropped)
DO $online$
DECLARE
    online_differing bigint;
BEGIN
    SELECT count(*) INTO online_differing FROM orders WHERE qty_new IS DISTINCT FROM (CAST(qty AS BIGINT));
    IF online_differing > 0 THEN
        RAISE EXCEPTION '% rows of orders have qty_new different from CAST(qty AS BIGINT); the sync trigger or the cast is not exact. Nothing was swapped.', online_differing;
    END IF;
END
$online$;
-- changeColumnTypeOnline in changeset db.xml::7::ann, step 6 of 7: swap: rename qty to qty_old and qty_new to qty, drop the sync trigger (one short transaction, catalog only)
-- lock: ACCESS EXCLUSIVE, blocks the application while held
-- liquibase update runs it with lock_timeout 1000ms, retried up to 10 times with backoff from 500ms to 10000ms
-- liquibase update skips this step when it is already done: SELECT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('orders') AND attname = (parse_ident('qty_old'))[1] AND attnum > 0 AND NOT attisdropped) AND NOT EXISTS (SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('orders') AND attname = (parse_ident('qty_new'))[1] AND attnum > 0 AND NOT attisdropped)
BEGIN;
SET LOCAL lock_timeout = '1000ms';
ALTER TABLE orders RENAME COLUMN qty TO qty_old;
ALTER TABLE orders RENAME COLUMN qty_new TO qty;
DROP TRIGGER IF EXISTS orders_qty_type_sync ON orders;
DROP FUNCTION IF EXISTS orders_qty_type_sync();
COMMIT;
-- changeColumnTypeOnline in changeset db.xml::7::ann, step 7 of 7: ANALYZE orders (statistics for the new column)
-- lock: SHARE UPDATE EXCLUSIVE
-- liquibase update runs it without lock_timeout: the application can read and write
-- runs outside a transaction block
ANALYZE orders;
