package liquibase.ext.online.catalog;

import java.util.List;

import liquibase.ext.online.plan.PostgresVersions;

/**
 * What the catalog says about one column: what a copy of it must carry over, or what must go with it. Names are
 * as stored (unquoted); SQL texts are as PostgreSQL prints them.
 *
 * @param type        type with typmod and a non-default collation, e.g. {@code character varying(20)}
 * @param defaultSql  the default expression, or null
 * @param schema      quote_ident of the table's schema
 * @param indexes     valid indexes that use the column (key, expression or predicate), not primary key or
 *                    exclusion constraints
 * @param constraints CHECK and FOREIGN KEY constraints of the table that use the column
 * @param inboundKeys foreign keys of any table that reference the column
 * @param postgresMajor the server's major version, which decides how NOT NULL is copied
 */
public record ColumnFacts(String type, boolean notNull, String defaultSql, String schema, List<Index> indexes,
                          List<Constraint> constraints, List<InboundKey> inboundKeys, int postgresMajor) {

    public ColumnFacts {
        indexes = List.copyOf(indexes);
        constraints = List.copyOf(constraints);
        inboundKeys = List.copyOf(inboundKeys);
    }

    /** On the oldest supported server version. */
    public ColumnFacts(String type, boolean notNull, String defaultSql, String schema, List<Index> indexes,
                       List<Constraint> constraints, List<InboundKey> inboundKeys) {
        this(type, notNull, defaultSql, schema, indexes, constraints, inboundKeys, PostgresVersions.MIN_MAJOR);
    }

    /**
     * @param quoted      the name as quote_ident prints it
     * @param definition  the index definition from {@code USING} on, e.g. {@code USING btree (status) WHERE ...}
     * @param constraint  true if the index backs a UNIQUE constraint
     */
    public record Index(String name, String quoted, boolean unique, String definition, boolean constraint) {
    }

    /** A CHECK ({@code foreignKey} false) or FOREIGN KEY constraint, with its definition without NOT VALID. */
    public record Constraint(String name, boolean foreignKey, String definition) {
    }

    /** A foreign key of {@code table} (quote_ident-ed and schema-qualified) that references the column. */
    public record InboundKey(String table, String name, String quoted, String definition) {
    }
}
