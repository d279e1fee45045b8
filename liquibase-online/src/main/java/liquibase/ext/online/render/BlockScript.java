package liquibase.ext.online.render;

import liquibase.ext.online.catalog.KeyColumn;
import liquibase.ext.online.config.OnlineSettings;
import liquibase.ext.online.plan.BackfillStep;

/**
 * The batch loop of a backfill on a table without a usable key, as one PL/pgSQL {@code DO} block that commits after
 * every batch: a batch is the rows stored in a range of physical blocks ({@code ctid} from {@code (b,0)} up to
 * {@code (b+n,0)}), and the walk ends at the table's size in blocks when it started. Like the executor it only
 * writes rows whose new value is not NULL, so the new row versions it writes into later blocks are skipped there.
 */
final class BlockScript {

    private BlockScript() {
    }

    static boolean applies(BackfillStep step) {
        return step.keyColumns().size() == 1 && KeyColumn.BLOCKS.sql().equals(step.keyColumns().get(0));
    }

    static String render(BackfillStep step) {
        String table = "'" + step.table().replace("'", "''") + "'::regclass";
        String needsWork = step.column() + " IS NULL" + (step.where() == null ? "" : " AND (" + step.where() + ")")
                + " AND (" + step.valueSql() + ") IS NOT NULL";
        StringBuilder sql = new StringBuilder();
        sql.append("-- ").append(step.table()).append(" has no primary key and no unique NOT NULL columns: walked by ")
                .append("physical block ranges (ctid),\n")
                .append("-- about ").append(OnlineSettings.scriptBatchSize(step.batchSize())).append(" rows per batch by the table's rows-per-block ")
                .append("estimate. PostgreSQL 14+ reads only each batch's blocks\n")
                .append("-- (TID Range Scan); 12 and 13 read the whole table for every batch.\n");
        sql.append("-- One transaction per batch; run outside a transaction block. Safe to rerun: it only fills rows where ")
                .append(step.column()).append(" IS NULL.\n");
        sql.append("DO $online$\n");
        sql.append("DECLARE\n");
        sql.append("    online_lo bigint := 0;\n");
        sql.append("    online_last bigint;\n");
        sql.append("    online_blocks bigint;\n");
        sql.append("    online_rows bigint;\n");
        sql.append("    online_total bigint := 0;\n");
        sql.append("    online_lock_timeout text := current_setting('lock_timeout');\n");
        sql.append("BEGIN\n");
        sql.append("    PERFORM set_config('lock_timeout', '").append(step.retry().lockTimeout().toMillis())
                .append("ms', false);\n");
        sql.append("    online_last := pg_relation_size(").append(table)
                .append(") / current_setting('block_size')::bigint;\n");
        sql.append("    SELECT greatest(1, floor(").append(OnlineSettings.scriptBatchSize(step.batchSize()))
                .append(" / CASE WHEN reltuples > 0 AND relpages > 0 THEN reltuples / relpages ELSE 50 END))::bigint\n")
                .append("      INTO online_blocks FROM pg_class WHERE oid = ").append(table).append(";\n");
        sql.append("    WHILE online_lo < online_last LOOP\n");
        sql.append("        UPDATE ").append(step.table()).append(" SET ").append(step.column()).append(" = ")
                .append(step.valueSql()).append("\n");
        sql.append("         WHERE ctid >= ('(' || online_lo || ',0)')::tid\n");
        sql.append("           AND ctid < ('(' || least(online_lo + online_blocks, online_last) || ',0)')::tid\n");
        sql.append("           AND ").append(needsWork).append(";\n");
        sql.append("        GET DIAGNOSTICS online_rows = ROW_COUNT;\n");
        sql.append("        online_total := online_total + online_rows;\n");
        sql.append("        COMMIT;\n");
        sql.append("        RAISE NOTICE 'backfill: % rows updated, block % of %', online_total,\n")
                .append("            least(online_lo + online_blocks, online_last), online_last;\n");
        if (step.pauseMillis() > 0) {
            sql.append("        PERFORM pg_sleep(").append(step.pauseMillis() / 1000.0).append(");\n");
        }
        sql.append("        online_lo := online_lo + online_blocks;\n");
        sql.append("    END LOOP;\n");
        sql.append("    PERFORM set_config('lock_timeout', online_lock_timeout, false);\n");
        sql.append("END\n");
        sql.append("$online$");
        return sql.toString();
    }
}
