package liquibase.ext.online.plan.rename;

/**
 * Rewrites SQL that PostgreSQL printed from its catalog (index definitions, constraint definitions) so that it
 * refers to the new column instead of the old one. Only identifier tokens equal to the old column's name are
 * replaced: string literals, qualified names ({@code s.status}), type casts ({@code ::status}) and function
 * calls ({@code status(...)}) stay as they are.
 */
public final class ColumnReferences {

    private ColumnReferences() {
    }

    /**
     * @param sql       text printed by {@code pg_get_indexdef} / {@code pg_get_constraintdef}
     * @param oldColumn the old column's name as stored in the catalog (unquoted)
     * @param newColumn the new column's name as it must appear in SQL (escaped)
     */
    public static String replace(String sql, String oldColumn, String newColumn) {
        return replace(sql, 0, sql.length(), oldColumn, newColumn);
    }

    /** Replaces only inside the first parenthesised list that starts at or after {@code from}. */
    public static String replaceInFirstList(String sql, int from, String oldColumn, String newColumn) {
        int open = sql.indexOf('(', from);
        int close = closing(sql, open);
        if (open < 0 || close < 0) {
            return sql;
        }
        return replace(sql, open, close, oldColumn, newColumn);
    }

    private static String replace(String sql, int start, int end, String oldColumn, String newColumn) {
        StringBuilder out = new StringBuilder(sql.substring(0, start));
        int i = start;
        while (i < end) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int stop = endOfQuoted(sql, i, '\'');
                out.append(sql, i, stop);
                i = stop;
            } else if (c == '"') {
                int stop = endOfQuoted(sql, i, '"');
                String name = sql.substring(i + 1, stop - 1).replace("\"\"", "\"");
                out.append(isColumn(sql, i, stop, name, oldColumn) ? newColumn : sql.substring(i, stop));
                i = stop;
            } else if (Character.isLetter(c) || c == '_') {
                int stop = i;
                while (stop < sql.length() && (Character.isLetterOrDigit(sql.charAt(stop))
                        || sql.charAt(stop) == '_' || sql.charAt(stop) == '$')) {
                    stop++;
                }
                String name = sql.substring(i, stop);
                out.append(isColumn(sql, i, stop, name, oldColumn) ? newColumn : name);
                i = stop;
            } else if (Character.isDigit(c)) {
                int stop = i;
                while (stop < sql.length()
                        && (Character.isLetterOrDigit(sql.charAt(stop)) || sql.charAt(stop) == '.')) {
                    stop++;
                }
                out.append(sql, i, stop);
                i = stop;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.append(sql.substring(end)).toString();
    }

    private static boolean isColumn(String sql, int start, int stop, String name, String oldColumn) {
        if (!name.equals(oldColumn)) {
            return false;
        }
        int before = start - 1;
        while (before >= 0 && sql.charAt(before) == ' ') {
            before--;
        }
        if (before >= 0 && (sql.charAt(before) == '.' || sql.charAt(before) == ':')) {
            return false;
        }
        int after = stop;
        while (after < sql.length() && sql.charAt(after) == ' ') {
            after++;
        }
        return after >= sql.length() || (sql.charAt(after) != '(' && sql.charAt(after) != '.');
    }

    /** Index just after the closing quote of a quoted token starting at {@code start}. */
    private static int endOfQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int closing(String sql, int open) {
        if (open < 0) {
            return -1;
        }
        int depth = 0;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfQuoted(sql, i, c) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
