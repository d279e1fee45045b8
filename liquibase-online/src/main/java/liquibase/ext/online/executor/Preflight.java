package liquibase.ext.online.executor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import liquibase.ext.online.message.Messages;
import liquibase.ext.online.message.OnlineChangeException;
import liquibase.ext.online.plan.ConstraintShape;
import liquibase.ext.online.plan.IndexShape;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.catalog.ExistingColumn;
import liquibase.ext.online.catalog.KeyColumn;

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
                } else if (precondition instanceof Precondition.NewColumnFits p) {
                    newColumnFits(change, p);
                } else if (precondition instanceof Precondition.ReferencedColumns p) {
                    referencedColumns(change, p);
                } else if (precondition instanceof Precondition.IndexNameFree p) {
                    indexNameFree(change, p);
                } else if (precondition instanceof Precondition.ConstraintFits p) {
                    constraintFits(change, p);
                } else if (precondition instanceof Precondition.NoDuplicates p) {
                    noDuplicates(change, p);
                } else if (precondition instanceof Precondition.NoNulls p) {
                    noNulls(change, p);
                } else if (precondition instanceof Precondition.DroppableIndex p) {
                    droppableIndex(change, p);
                } else if (precondition instanceof Precondition.NoRows p) {
                    List<String> rows = catalog.firstColumn(p.query());
                    if (!rows.isEmpty()) {
                        throw new OnlineChangeException(p.message() + String.join(", ", rows));
                    }
                } else if (precondition instanceof Precondition.Refused p) {
                    throw new OnlineChangeException(Messages.refused(change, p.message()));
                }
            }
        } catch (SQLException e) {
            throw new OnlineChangeException(Messages.catalogReadFailed(change, e.getMessage()), e);
        }
        return new Facts(keys, oids);
    }

    private List<KeyColumn> key(String change, Precondition.UsableKey p) throws SQLException, OnlineChangeException {
        long oid = oid(change, p.table().sql());
        if (p.keyColumns().isEmpty()) {
            List<KeyColumn> key = catalog.usableKey(oid);
            return key.isEmpty() ? BlockWalk.keyless(catalog, change, p.table().sql(), oid) : key;
        }
        List<KeyColumn> key = new ArrayList<>();
        for (String column : p.keyColumns()) {
            Optional<KeyColumn> found = catalog.column(oid, column);
            if (found.isEmpty()) {
                throw new OnlineChangeException(Messages.columnMissing(change, "keyColumns", column, p.table().sql()));
            }
            if (catalog.allowsNull(oid, column)) {
                throw new OnlineChangeException(Messages.nullableKey(change, column, p.table().sql()));
            }
            key.add(found.get());
        }
        return key;
    }

    private void newColumnFits(String change, Precondition.NewColumnFits p)
            throws SQLException, OnlineChangeException {
        long oid = oid(change, p.table().sql());
        Optional<ExistingColumn> existing = catalog.existingColumn(oid, p.column(), p.type());
        if (existing.isEmpty()) {
            return;
        }
        ExistingColumn column = existing.get();
        boolean nullability = p.notNull() ? column.notNull() || p.mayLackNotNull() : !column.notNull();
        if (!column.sameType() || !nullability) {
            throw new OnlineChangeException(Messages.columnExistsDifferently(change, p.column(), p.table().sql(),
                    column.type() + (column.notNull() ? " NOT NULL" : ""),
                    p.type() + (p.notNull() ? " NOT NULL" : "")));
        }
    }

    private void referencedColumns(String change, Precondition.ReferencedColumns p)
            throws SQLException, OnlineChangeException {
        Optional<Long> oid = catalog.tableOid(p.table().sql());
        if (oid.isEmpty()) {
            throw new OnlineChangeException(Messages.referencedTableMissing(change, p.attribute(), p.table().sql()));
        }
        for (String column : p.columns()) {
            if (catalog.column(oid.get(), column).isEmpty()) {
                throw new OnlineChangeException(
                        Messages.referencedColumnMissing(change, p.attribute(), column, p.table().sql()));
            }
        }
    }

    private long oid(String change, String table) throws SQLException, OnlineChangeException {
        Optional<Long> oid = catalog.tableOid(table);
        if (oid.isEmpty()) {
            throw new OnlineChangeException(Messages.tableMissing(change, table));
        }
        return oid.get();
    }

    private void indexNameFree(String change, Precondition.IndexNameFree p) throws SQLException, OnlineChangeException {
        Optional<Catalog.Relation> existing = catalog.relationNextTo(oid(change, p.table().sql()), p.index());
        if (existing.isPresent() && !(existing.get().isIndex() && existing.get().onThisTable())) {
            Catalog.Relation r = existing.get();
            String what = r.isIndex() ? Messages.indexOfTable(r.indexTable()) : Messages.relationOfKind(r.kind());
            throw new OnlineChangeException(Messages.indexNameTaken(change, p.attribute(), p.index(),
                    p.table().sql(), what));
        }
        if (existing.isPresent() && p.shape() != null) {
            Optional<IndexShape> found = catalog.validIndexShape(oid(change, p.table().sql()), p.index());
            if (found.isPresent() && !sameShape(p.shape(), found.get())) {
                throw new OnlineChangeException(Messages.indexDiffers(change, p.attribute(), p.index(),
                        p.table().sql(), found.get().describe(), p.shape().describe()));
            }
        }
    }

    /** Columns compared as PostgreSQL stores their names; expressions only as expressions. */
    private static boolean sameShape(IndexShape wanted, IndexShape found) {
        if (wanted.unique() != found.unique() || wanted.partial() != found.partial()
                || wanted.keyColumns().size() != found.keyColumns().size()) {
            return false;
        }
        for (int i = 0; i < wanted.keyColumns().size(); i++) {
            String w = wanted.keyColumns().get(i);
            String f = found.keyColumns().get(i);
            if (w == null ? f != null : f == null || !Catalog.nameAsParsed(w).equals(Catalog.nameAsParsed(f))) {
                return false;
            }
        }
        return true;
    }

    private void constraintFits(String change, Precondition.ConstraintFits p)
            throws SQLException, OnlineChangeException {
        long oid = oid(change, p.table().sql());
        Optional<Catalog.ExistingConstraint> found = catalog.constraint(oid, p.constraint());
        if (found.isPresent() && !sameConstraint(oid, p.shape(), found.get())) {
            throw new OnlineChangeException(Messages.constraintDiffers(change, p.attribute(), p.constraint(),
                    p.table().sql(), found.get().definition(), p.shape().definition()));
        }
    }

    /** Validated or not: a NOT VALID constraint of the same definition is an earlier run's, to be finished. */
    private boolean sameConstraint(long tableOid, ConstraintShape wanted, Catalog.ExistingConstraint found)
            throws SQLException {
        if (wanted.type() != found.type()) {
            return false;
        }
        if (wanted.type() == 'c') {
            return sameCheck(tableOid, wanted.check(), found.definition());
        }
        if (!sameNames(wanted.columns(), found.columns())) {
            return false;
        }
        if (wanted.type() == 'f') {
            Optional<Long> referenced = catalog.tableOid(wanted.referenced().sql());
            if (referenced.isEmpty() || referenced.get() != found.referencedOid()
                    || !sameNames(wanted.referencedColumns(), found.referencedColumns())
                    || wanted.onUpdate() != found.onUpdate() || wanted.onDelete() != found.onDelete()
                    || found.match() != 's') {
                return false;
            }
        }
        return wanted.type() == 'n' || (wanted.deferrable() == found.deferrable()
                && wanted.initiallyDeferred() == found.initiallyDeferred());
    }

    /**
     * Compared as PostgreSQL prints both. If the wanted condition cannot be printed by PostgreSQL (see
     * {@link Catalog#checkAsPrinted}), only the condition as written, in PostgreSQL's outer parentheses or not,
     * matches, whitespace aside; anything else is refused rather than taken for an earlier run's work.
     */
    private boolean sameCheck(long tableOid, String condition, String existing) throws SQLException {
        String found = withoutNotValid(existing);
        Optional<String> printed = catalog.checkAsPrinted(tableOid, condition);
        if (printed.isPresent()) {
            return withoutNotValid(printed.get()).equals(found);
        }
        String squeezed = squeeze(found);
        return squeezed.equals(squeeze("CHECK ((" + condition + "))")) || squeezed.equals(squeeze("CHECK ("
                + condition + ")"));
    }

    private static String withoutNotValid(String definition) {
        String d = definition.strip();
        return d.endsWith(" NOT VALID") ? d.substring(0, d.length() - " NOT VALID".length()) : d;
    }

    private static String squeeze(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static boolean sameNames(List<String> wanted, List<String> found) {
        if (wanted.size() != found.size()) {
            return false;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (!Catalog.nameAsParsed(wanted.get(i)).equals(Catalog.nameAsParsed(found.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** A GROUP BY over the table: a read under ACCESS SHARE that nobody waits for, before the long build. */
    private void noDuplicates(String change, Precondition.NoDuplicates p) throws SQLException, OnlineChangeException {
        oid(change, p.table().sql());
        if (p.unlessQuery() != null && catalog.isTrue(p.unlessQuery())) {
            return;
        }
        List<String> exprs = p.expressions();
        String notNull = String.join(" AND ", exprs.stream().map(e -> "(" + e + ") IS NOT NULL").toList());
        String sql = "SELECT " + String.join(", ", exprs.stream().map(e -> "(" + e + ")::text").toList())
                + " FROM " + p.table().sql() + " WHERE " + notNull + (p.where() == null ? "" : " AND (" + p.where() + ")")
                + " GROUP BY " + String.join(", ", exprs.stream().map(e -> "(" + e + ")").toList())
                + " HAVING count(*) > 1 LIMIT 3";
        List<String> duplicates = catalog.sampleRows(sql, 3);
        if (!duplicates.isEmpty()) {
            throw new OnlineChangeException(Messages.duplicatesPresent(change, p.table().sql(), exprs, duplicates));
        }
    }

    private void noNulls(String change, Precondition.NoNulls p) throws SQLException, OnlineChangeException {
        long oid = oid(change, p.table().sql());
        if (catalog.column(oid, p.column()).isEmpty()) {
            throw new OnlineChangeException(Messages.columnMissing(change, "columnName", p.column(), p.table().sql()));
        }
        if (p.unlessQuery() != null && catalog.isTrue(p.unlessQuery())) {
            return;
        }
        if (catalog.isTrue("SELECT EXISTS (SELECT 1 FROM " + p.table().sql() + " WHERE " + p.column() + " IS NULL)")) {
            throw new OnlineChangeException(Messages.nullsPresent(change, p.table().sql(), p.column()));
        }
    }

    private void droppableIndex(String change, Precondition.DroppableIndex p) throws SQLException, OnlineChangeException {
        if (p.table() != null) {
            oid(change, p.table().sql());
        }
        Optional<Catalog.Relation> found = catalog.relation(p.qualifiedIndex());
        if (found.isEmpty()) {
            return;
        }
        Catalog.Relation index = found.get();
        if (!index.isIndex()) {
            throw new OnlineChangeException(Messages.notAnIndex(change, p.qualifiedIndex()));
        }
        if (p.table() != null && !catalog.tableOid(p.table().sql()).equals(catalog.tableOid(index.indexTable()))) {
            throw new OnlineChangeException(Messages.indexOnOtherTable(change, p.qualifiedIndex(), p.table().sql(),
                    index.indexTable()));
        }
        if (index.constraint() != null) {
            throw new OnlineChangeException(Messages.indexBacksConstraint(change, p.qualifiedIndex(),
                    index.constraint()));
        }
    }
}
