package liquibase.ext.online.lint;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import liquibase.ext.online.lint.sql.PostgresSql;

/**
 * Whether a column default is volatile, which makes ADD COLUMN rewrite the table. Offline there is no pg_proc to
 * ask, so this is a list of the common volatile built-in functions (provolatile = 'v' in PostgreSQL 12 to 18 and
 * the uuid-ossp and pgcrypto extensions). A function not on the list counts as not volatile: now(),
 * current_timestamp, statement_timestamp() and the like are stable and need no rewrite from PostgreSQL 11 on.
 */
public final class Volatility {

    /** Volatile functions, as listed in docs/online-lint.md#ol003-add-column-volatile-default. */
    public static final Set<String> VOLATILE_FUNCTIONS = Set.of(
            "random", "random_normal", "setseed", "clock_timestamp", "timeofday", "gen_random_uuid", "uuidv4",
            "uuidv7", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "gen_random_bytes", "nextval",
            "setval", "txid_current", "pg_current_xact_id");

    /** Types whose column gets a nextval() default. */
    public static final Set<String> SERIAL_TYPES = Set.of("serial", "serial4", "bigserial", "serial8", "smallserial",
            "serial2");

    private Volatility() {
    }

    /** The first volatile function the expression calls, or null if none (or it does not parse). */
    public static String volatileCall(String expression) {
        if (expression == null) {
            return null;
        }
        List<String> called = PostgresSql.functionsCalled(expression);
        if (called == null) {
            return null;
        }
        for (String name : called) {
            if (VOLATILE_FUNCTIONS.contains(name)) {
                return name + "()";
            }
        }
        return null;
    }

    public static boolean isSerial(String type) {
        return type != null && SERIAL_TYPES.contains(type.trim().toLowerCase(Locale.ROOT));
    }
}
