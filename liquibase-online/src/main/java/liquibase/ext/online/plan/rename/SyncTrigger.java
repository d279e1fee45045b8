package liquibase.ext.online.plan.rename;

/**
 * The trigger that keeps two columns equal while application versions that know only one of them run side by
 * side. An old version writes only the old column, a new version only the new one; the trigger copies whichever
 * the statement wrote onto the other, inside the same row write (BEFORE ROW), so there is no second UPDATE and no
 * recursion.
 * <ul>
 *   <li>INSERT: a non-NULL new column wins (only the new version sets it; when both were given and differ, the
 *   new version's value is the one to keep); otherwise the old column's value is copied.</li>
 *   <li>UPDATE: the column the statement changed is copied onto the other; when both changed, the new one wins.
 *   When neither changed, the row has not been backfilled yet and the non-NULL side is copied.</li>
 * </ul>
 * The new column has no default while the trigger is active: with one, an INSERT by the old version would look
 * as if the new version had written the default.
 */
public final class SyncTrigger {

    private SyncTrigger() {
    }

    /**
     * @param function  escaped, schema-qualified function name
     * @param oldColumn escaped old column
     * @param newColumn escaped new column
     */
    public static String createFunction(String function, String oldColumn, String newColumn) {
        return """
                CREATE OR REPLACE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql
                SET search_path FROM CURRENT AS $online_sync$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        IF NEW.%3$s IS NULL THEN
                            NEW.%3$s := NEW.%2$s;
                        ELSE
                            NEW.%2$s := NEW.%3$s;
                        END IF;
                    ELSIF NEW.%3$s IS DISTINCT FROM OLD.%3$s THEN
                        NEW.%2$s := NEW.%3$s;
                    ELSIF NEW.%2$s IS DISTINCT FROM OLD.%2$s THEN
                        NEW.%3$s := NEW.%2$s;
                    ELSIF NEW.%3$s IS NULL THEN
                        NEW.%3$s := NEW.%2$s;
                    ELSE
                        NEW.%2$s := NEW.%3$s;
                    END IF;
                    RETURN NEW;
                END
                $online_sync$""".formatted(function, oldColumn, newColumn);
    }

    public static String createTrigger(String trigger, String table, String function) {
        return "CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION " + function + "()";
    }
}
