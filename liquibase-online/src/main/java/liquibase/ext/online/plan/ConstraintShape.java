package liquibase.ext.online.plan;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a constraint a change adds is, as far as a rerun can tell it from {@code pg_constraint}. A constraint that
 * merely has the name the change gives its own is no proof of earlier work; one of another definition is somebody
 * else's, and the change must neither skip its step nor validate, attach or drop that constraint.
 *
 * @param type              {@code pg_constraint.contype}: {@code c} check, {@code f} foreign key, {@code u} unique,
 *                          {@code n} NOT NULL (PostgreSQL 18+)
 * @param definition        the definition as the change writes it, for messages
 * @param columns           escaped constrained columns in order (none for a check)
 * @param check             the condition of a check, as written; compared as PostgreSQL prints it
 * @param referenced        the referenced table of a foreign key, else null
 * @param referencedColumns escaped referenced columns in order
 * @param onUpdate          {@code confupdtype} of a foreign key ({@code a} NO ACTION, {@code r}, {@code c},
 *                          {@code n}, {@code d}); blank otherwise
 * @param onDelete          {@code confdeltype}, as {@code onUpdate}
 * @param deferrable        DEFERRABLE (implied by INITIALLY DEFERRED, as in PostgreSQL)
 * @param initiallyDeferred INITIALLY DEFERRED
 */
public record ConstraintShape(char type, String definition, List<String> columns, String check, TableRef referenced,
                              List<String> referencedColumns, char onUpdate, char onDelete, boolean deferrable,
                              boolean initiallyDeferred) {

    private static final Pattern ACTION = Pattern.compile(
            "ON (UPDATE|DELETE) (CASCADE|SET NULL|SET DEFAULT|RESTRICT|NO ACTION)");

    public ConstraintShape {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }

    /** {@code CHECK (condition)}; the condition is compared after PostgreSQL has parsed and printed it. */
    public static ConstraintShape check(String condition) {
        return new ConstraintShape('c', "CHECK (" + condition + ")", List.of(), condition, null, List.of(), ' ', ' ',
                false, false);
    }

    /**
     * The key {@link liquibase.ext.online.plan.constraint.ConstraintPlanner#foreignKey} adds, its options read back
     * from {@link ForeignKeySpec#options}.
     */
    public static ConstraintShape foreignKey(ForeignKeySpec spec) {
        return foreignKey(spec.baseColumns(), spec.referenced(), spec.referencedColumns(), spec.options());
    }

    /**
     * A foreign key from {@code columns} to {@code referencedColumns} of {@code referenced}.
     *
     * @param options e.g. {@code " ON DELETE CASCADE DEFERRABLE"}, or empty
     */
    public static ConstraintShape foreignKey(List<String> columns, TableRef referenced, List<String> referencedColumns,
                                             String options) {
        String upper = options.toUpperCase(Locale.ROOT);
        char onUpdate = 'a';
        char onDelete = 'a';
        Matcher m = ACTION.matcher(upper);
        while (m.find()) {
            char action = switch (m.group(2)) {
                case "CASCADE" -> 'c';
                case "SET NULL" -> 'n';
                case "SET DEFAULT" -> 'd';
                case "RESTRICT" -> 'r';
                default -> 'a';
            };
            if (m.group(1).equals("UPDATE")) {
                onUpdate = action;
            } else {
                onDelete = action;
            }
        }
        boolean initiallyDeferred = upper.contains("INITIALLY DEFERRED");
        return new ConstraintShape('f', "FOREIGN KEY (" + String.join(", ", columns) + ") REFERENCES "
                + referenced.sql() + " (" + String.join(", ", referencedColumns) + ")" + options,
                columns, null, referenced, referencedColumns, onUpdate, onDelete,
                initiallyDeferred || upper.contains("DEFERRABLE"), initiallyDeferred);
    }

    /** @param options {@code " DEFERRABLE"}, {@code " INITIALLY DEFERRED"}, both, or empty */
    public static ConstraintShape unique(List<String> columns, String options) {
        String upper = options.toUpperCase(Locale.ROOT);
        boolean initiallyDeferred = upper.contains("INITIALLY DEFERRED");
        return new ConstraintShape('u', "UNIQUE (" + String.join(", ", columns) + ")" + options, columns, null, null,
                List.of(), ' ', ' ', initiallyDeferred || upper.contains("DEFERRABLE"), initiallyDeferred);
    }

    private static final Pattern PRINTED_KEY = Pattern.compile(
            "FOREIGN KEY \\((.+?)\\) REFERENCES (.+?)\\((.+?)\\)(.*)", Pattern.DOTALL);

    /**
     * A CHECK or FOREIGN KEY constraint as {@code pg_get_constraintdef} prints it (without NOT VALID), e.g. one
     * copied to another column. Null when the text says more than a shape can hold (NO INHERIT, MATCH FULL).
     */
    public static ConstraintShape printed(boolean foreignKey, String definition) {
        String upper = definition.toUpperCase(Locale.ROOT);
        if (!foreignKey) {
            if (!upper.startsWith("CHECK (") || !definition.endsWith(")") || upper.contains("NO INHERIT")) {
                return null;
            }
            return check(definition.substring("CHECK (".length(), definition.length() - 1));
        }
        Matcher m = PRINTED_KEY.matcher(definition);
        if (!m.matches() || upper.contains(" MATCH ")) {
            return null;
        }
        String options = m.group(4).toUpperCase(Locale.ROOT);
        char onUpdate = 'a';
        char onDelete = 'a';
        Matcher action = ACTION.matcher(options);
        while (action.find()) {
            char code = switch (action.group(2)) {
                case "CASCADE" -> 'c';
                case "SET NULL" -> 'n';
                case "SET DEFAULT" -> 'd';
                case "RESTRICT" -> 'r';
                default -> 'a';
            };
            if (action.group(1).equals("UPDATE")) {
                onUpdate = code;
            } else {
                onDelete = code;
            }
        }
        String referenced = m.group(2).trim();
        boolean initiallyDeferred = options.contains("INITIALLY DEFERRED");
        return new ConstraintShape('f', definition, List.of(m.group(1).split(", ")), null,
                new TableRef(null, referenced, referenced), List.of(m.group(3).split(", ")), onUpdate, onDelete,
                initiallyDeferred || options.contains("DEFERRABLE") && !options.contains("NOT DEFERRABLE"),
                initiallyDeferred);
    }

    /** The NOT NULL constraint of PostgreSQL 18+ on one column. */
    public static ConstraintShape notNull(String column) {
        return new ConstraintShape('n', "NOT NULL " + column, List.of(column), null, null, List.of(), ' ', ' ', false,
                false);
    }
}
