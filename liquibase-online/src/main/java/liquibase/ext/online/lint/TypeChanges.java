package liquibase.ext.online.lint;

import java.util.Locale;
import java.util.Map;

/**
 * The column type changes PostgreSQL makes without rewriting the table, a deliberately short list (see
 * docs/online-lint.md#ol010-change-column-type): a varchar made longer or unbounded, varchar to text and back to
 * unbounded varchar, a numeric given more precision at the same scale or made unbounded, a varbit made longer.
 * Anything else, and any change whose old type the changelog does not show, counts as a rewrite.
 * {@code timestamp} to {@code timestamptz} needs no rewrite only when the session time zone is UTC (PostgreSQL
 * 12+), which an offline check cannot know, so it counts as a rewrite too.
 */
public final class TypeChanges {

    private static final Map<String, String> ALIASES = Map.of(
            "character varying", "varchar",
            "char varying", "varchar",
            "bit varying", "varbit",
            "decimal", "numeric");

    private TypeChanges() {
    }

    /** Whether changing a column from {@code from} to {@code to} surely needs no table rewrite. */
    public static boolean withoutRewrite(String from, String to) {
        if (from == null || to == null) {
            return false;
        }
        Type a = Type.of(from);
        Type b = Type.of(to);
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        switch (a.name) {
            case "varchar":
                if (b.name.equals("text") && b.args.length == 0) {
                    return true;
                }
                return b.name.equals("varchar") && (b.args.length == 0 || a.args.length == 1 && b.args.length == 1
                        && b.args[0] >= a.args[0]);
            case "text":
                return b.name.equals("varchar") && b.args.length == 0;
            case "varbit":
                return b.name.equals("varbit") && (b.args.length == 0 || a.args.length == 1 && b.args.length == 1
                        && b.args[0] >= a.args[0]);
            case "numeric":
                if (!b.name.equals("numeric")) {
                    return false;
                }
                if (b.args.length == 0) {
                    return true;
                }
                int scaleA = a.args.length > 1 ? a.args[1] : 0;
                int scaleB = b.args.length > 1 ? b.args[1] : 0;
                return a.args.length > 0 && scaleA == scaleB && b.args[0] >= a.args[0];
            default:
                return false;
        }
    }

    /** A type name and its integer modifiers: {@code numeric(12, 2)} is numeric with 12 and 2. */
    private record Type(String name, int[] args) {

        static Type of(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            String name = t;
            int[] args = new int[0];
            int open = t.indexOf('(');
            if (open >= 0) {
                int close = t.indexOf(')', open);
                if (close != t.length() - 1) {
                    return null;
                }
                name = t.substring(0, open).trim();
                String[] parts = t.substring(open + 1, close).split(",");
                args = new int[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    try {
                        args[i] = Integer.parseInt(parts[i].trim());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
            name = String.join(" ", name.split("\\s+"));
            if (name.startsWith("pg_catalog.")) {
                name = name.substring("pg_catalog.".length());
            }
            return new Type(ALIASES.getOrDefault(name, name), args);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Type type && name.equals(type.name) && java.util.Arrays.equals(args, type.args);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + java.util.Arrays.hashCode(args);
        }

        @Override
        public String toString() {
            return name + java.util.Arrays.toString(args);
        }
    }
}
