package liquibase.ext.online.executor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import liquibase.ext.online.message.Messages;
import liquibase.ext.online.message.OnlineChangeException;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;

/**
 * Checks a plan's preconditions against the catalog before its first statement, and resolves what only the
 * database knows (a table's key). Nothing is changed if a check fails.
 */
final class Preflight {

    /** What the checks found out, for the steps that need it. */
    record Facts(Map<String, List<KeyColumn>> keys, Map<String, Long> tableOids) {
    }

    private final Catalog catalog;

    Preflight(Catalog catalog) {
        this.catalog = catalog;
    }

    Facts check(Plan plan) throws OnlineChangeException {
        Map<String, List<KeyColumn>> keys = new HashMap<>();
        Map<String, Long> oids = new HashMap<>();
        String change = plan.changeLabel();
        try {
            for (Precondition precondition : plan.preconditions()) {
                if (precondition instanceof Precondition.TableExists p) {
                    oids.put(p.table().sql(), oid(change, p.table().sql()));
                } else if (precondition instanceof Precondition.ColumnExists p) {
                    long oid = oid(change, p.table().sql());
                    if (catalog.column(oid, p.column()).isEmpty()) {
                        throw new OnlineChangeException(
                                Messages.columnMissing(change, p.attribute(), p.column(), p.table().sql()));
                    }
                } else if (precondition instanceof Precondition.UsableKey p) {
                    keys.put(p.table().sql(), key(change, p));
                } else if (precondition instanceof Precondition.NoRows p) {
                    List<String> rows = catalog.firstColumn(p.query());
                    if (!rows.isEmpty()) {
                        throw new OnlineChangeException(p.message() + String.join(", ", rows));
                    }
                }
            }
        } catch (SQLException e) {
            throw new OnlineChangeException(change + ": could not read the catalog: " + e.getMessage(), e);
        }
        return new Facts(keys, oids);
    }

    private List<KeyColumn> key(String change, Precondition.UsableKey p) throws SQLException, OnlineChangeException {
        long oid = oid(change, p.table().sql());
        if (p.keyColumns().isEmpty()) {
            List<KeyColumn> key = catalog.usableKey(oid);
            if (key.isEmpty()) {
                throw new OnlineChangeException(Messages.noUsableKey(change, p.table().sql()));
            }
            return key;
        }
        List<KeyColumn> key = new ArrayList<>();
        for (String column : p.keyColumns()) {
            Optional<KeyColumn> found = catalog.column(oid, column);
            if (found.isEmpty()) {
                throw new OnlineChangeException(Messages.columnMissing(change, "keyColumns", column, p.table().sql()));
            }
            key.add(found.get());
        }
        return key;
    }

    private long oid(String change, String table) throws SQLException, OnlineChangeException {
        Optional<Long> oid = catalog.tableOid(table);
        if (oid.isEmpty()) {
            throw new OnlineChangeException(Messages.tableMissing(change, table));
        }
        return oid.get();
    }
}
