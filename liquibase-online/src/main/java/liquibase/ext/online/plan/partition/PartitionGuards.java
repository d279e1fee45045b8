package liquibase.ext.online.plan.partition;

/**
 * {@code doneWhen} queries of the per-partition steps: is the step's effect already in place? Names are handed to
 * PostgreSQL as the escaped text the DDL uses and resolved there, as the plain plans' guards do.
 */
final class PartitionGuards {

    private PartitionGuards() {
    }

    static String constraintExists(String table, String constraint) {
        return "SELECT EXISTS (" + constraint(table, constraint) + ")";
    }

    static String constraintValidated(String table, String constraint) {
        return "SELECT EXISTS (" + constraint(table, constraint) + " AND convalidated)";
    }

    private static String constraint(String table, String constraint) {
        return "SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass(" + literal(table) + ")"
                + " AND conname = (parse_ident(" + literal(constraint) + "))[1]";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
