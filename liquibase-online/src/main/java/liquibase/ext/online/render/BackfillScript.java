package liquibase.ext.online.render;

import java.util.List;
import java.util.stream.Collectors;

import liquibase.ext.online.config.OnlineSettings;
import liquibase.ext.online.plan.BackfillStep;

/**
 * The batch loop of a backfill as one PL/pgSQL {@code DO} block that commits after every batch, with the same
 * key ranges as the executor: a batch is [first key, the batchSize-th key after it), and the walk ends at the last
 * key there was when it started, so an application that inserts faster than the loop advances cannot keep it
 * going. It keeps no position: run again, it starts from the first key (and changes only rows still NULL).
 * <p>
 * COMMIT inside DO works only outside a transaction block (PostgreSQL 11+, e.g. psql in autocommit mode).
 */
final class BackfillScript {

    private BackfillScript() {
    }

    static String render(BackfillStep step) {
        if (BlockScript.applies(step)) {
            return BlockScript.render(step);
        }
        if (step.keyColumns().isEmpty()) {
            return "-- The batch loop is not printed: it walks the table by its key, which is read from the database while\n"
                    + "-- printing, and the table does not exist yet (an earlier changeset of this script creates it) or the\n"
                    + "-- connection is offline. liquibase update finds the key when the change starts\n"
                    + "-- (for backfillInBatches, keyColumns names it and prints the loop)";
        }
        List<String> keys = step.keyColumns();
        String keyList = String.join(", ", keys);
        String keyRow = "(" + keyList + ")";
        String lo = "(" + keys.stream().map(k -> "online_lo." + k).collect(Collectors.joining(", ")) + ")";
        String hi = "(" + keys.stream().map(k -> "online_hi." + k).collect(Collectors.joining(", ")) + ")";
        String last = "(" + keys.stream().map(k -> "online_last." + k).collect(Collectors.joining(", ")) + ")";
        String descending = keys.stream().map(k -> k + " DESC").collect(Collectors.joining(", "));
        String filter = step.column() + " IS NULL" + (step.where() == null ? "" : " AND (" + step.where() + ")");
        String update = "UPDATE " + step.table() + " SET " + step.column() + " = " + step.valueSql();

        StringBuilder sql = new StringBuilder();
        sql.append("-- One transaction per batch of ").append(OnlineSettings.scriptBatchSize(step.batchSize()))
                .append(" keys; run outside a transaction block. Safe to rerun: it only fills rows where ")
                .append(step.column()).append(" IS NULL.\n");
        sql.append("DO $online$\n");
        sql.append("DECLARE\n");
        sql.append("    online_lo record;\n");
        sql.append("    online_last record;\n");
        sql.append("    online_hi record;\n");
        sql.append("    online_rows bigint;\n");
        sql.append("    online_total bigint := 0;\n");
        sql.append("    online_lock_timeout text := current_setting('lock_timeout');\n");
        sql.append("BEGIN\n");
        sql.append("    PERFORM set_config('lock_timeout', '").append(step.retry().lockTimeout().toMillis())
                .append("ms', false);\n");
        sql.append("    SELECT ").append(keyList).append(" INTO online_last FROM ").append(step.table())
                .append(" ORDER BY ").append(descending).append(" LIMIT 1;\n");
        sql.append("    SELECT ").append(keyList).append(" INTO online_lo FROM ").append(step.table())
                .append(" ORDER BY ").append(keyList).append(" LIMIT 1;\n");
        sql.append("    WHILE online_lo IS NOT NULL LOOP\n");
        sql.append("        SELECT ").append(keyList).append(" INTO online_hi FROM ").append(step.table())
                .append(" WHERE ").append(keyRow).append(" > ").append(lo).append(" AND ").append(keyRow)
                .append(" <= ").append(last).append(" ORDER BY ").append(keyList).append(" OFFSET ").append(OnlineSettings.scriptBatchSize(step.batchSize()) - 1)
                .append(" LIMIT 1;\n");
        sql.append("        IF online_hi IS NULL THEN\n");
        sql.append("            ").append(update).append(" WHERE ").append(keyRow).append(" >= ").append(lo)
                .append(" AND ").append(keyRow).append(" <= ").append(last).append(" AND ").append(filter).append(";\n");
        sql.append("        ELSE\n");
        sql.append("            ").append(update).append(" WHERE ").append(keyRow).append(" >= ").append(lo)
                .append(" AND ").append(keyRow).append(" < ").append(hi).append(" AND ").append(filter).append(";\n");
        sql.append("        END IF;\n");
        sql.append("        GET DIAGNOSTICS online_rows = ROW_COUNT;\n");
        sql.append("        online_total := online_total + online_rows;\n");
        sql.append("        COMMIT;\n");
        sql.append("        RAISE NOTICE 'backfill: % rows updated', online_total;\n");
        if (step.pauseMillis() > 0) {
            sql.append("        PERFORM pg_sleep(").append(step.pauseMillis() / 1000.0).append(");\n");
        }
        sql.append("        online_lo := online_hi;\n");
        sql.append("    END LOOP;\n");
        sql.append("    PERFORM set_config('lock_timeout', online_lock_timeout, false);\n");
        sql.append("END\n");
        sql.append("$online$");
        return sql.toString();
    }
}
