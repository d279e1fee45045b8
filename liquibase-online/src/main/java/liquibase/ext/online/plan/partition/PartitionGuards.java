package liquibase.ext.online.plan.partition;

import static liquibase.ext.online.plan.CatalogGuards.literal;

/**
 * {@code doneWhen} and {@code verify} queries for per-partition steps. Names are the escaped, qualified text the
 * DDL uses and are resolved by PostgreSQL ({@code to_regclass}), so they match exactly as the statement will.
 */
final class PartitionGuards {

    private PartitionGuards() {
    }

    /** An index of that (qualified) name exists on that table, valid or not. */
    static String indexOn(String table, String qualifiedIndex) {
        return "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = to_regclass("
                + literal(qualifiedIndex) + ") AND indrelid = to_regclass(" + literal(table) + "))";
    }

    /** The index is valid (for a partitioned index: every partition has its index attached). */
    static String indexValid(String qualifiedIndex) {
        return "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = to_regclass("
                + literal(qualifiedIndex) + ") AND indisvalid)";
    }

    /** The child index is attached to the parent index. */
    static String attached(String qualifiedParentIndex, String qualifiedChildIndex) {
        return "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits WHERE inhrelid = to_regclass("
                + literal(qualifiedChildIndex) + ") AND inhparent = to_regclass(" + literal(qualifiedParentIndex)
                + "))";
    }

    /** A constraint of that (stored) name exists on that table. */
    static String constraintOn(String table, String constraint) {
        return "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass("
                + literal(table) + ") AND conname = " + literal(constraint) + ")";
    }

    /**
     * The root's unique constraint exists, its index is valid, and every leaf constraint the plan made is one of
     * its partitions' constraints: attached, not built again beside them.
     */
    static String uniqueAttached(String root, String constraint, java.util.List<String[]> leafConstraints) {
        StringBuilder sql = new StringBuilder("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k JOIN "
                + "pg_catalog.pg_index i ON i.indexrelid = k.conindid WHERE k.conrelid = to_regclass("
                + literal(root) + ") AND k.conname = " + literal(constraint) + " AND i.indisvalid)");
        for (String[] leaf : leafConstraints) {
            sql.append(" AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass(")
                    .append(literal(leaf[0])).append(") AND conname = ").append(literal(leaf[1]))
                    .append(" AND conparentid <> 0)");
        }
        return sql.toString();
    }

    /** A DO block that fails with {@code message} unless {@code query} answers true; for a final check. */
    static String failUnless(String query, String message) {
        return "DO $online$\nBEGIN\n    IF NOT (" + query + ") THEN\n        RAISE EXCEPTION '%', "
                + literal(message) + ";\n    END IF;\nEND\n$online$";
    }
}
