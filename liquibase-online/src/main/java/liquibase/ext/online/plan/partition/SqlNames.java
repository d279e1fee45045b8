package liquibase.ext.online.plan.partition;

import java.util.regex.Pattern;

/** Quoting for the names a partitioned plan makes up, and the way back from an escaped name to the stored one. */
final class SqlNames {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private SqlNames() {
    }

    /** The name as PostgreSQL stores it: {@code "Ab"} gives {@code Ab}, {@code ab} gives {@code ab}. */
    static String unquote(String escaped) {
        if (escaped.length() >= 2 && escaped.startsWith("\"") && escaped.endsWith("\"")) {
            return escaped.substring(1, escaped.length() - 1).replace("\"\"", "\"");
        }
        return escaped;
    }

    /** A stored name as DDL writes it: quoted only when it must be. */
    static String quote(String name) {
        return PLAIN.matcher(name).matches() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The schema part of a {@code format('%I.%I')} qualified name, with its dot. */
    static String schemaPrefix(String qualified) {
        int i = 0;
        if (qualified.startsWith("\"")) {
            i = 1;
            while (i < qualified.length()) {
                if (qualified.charAt(i) == '"') {
                    if (i + 1 < qualified.length() && qualified.charAt(i + 1) == '"') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i++;
            }
            return qualified.substring(0, i + 2);
        }
        return qualified.substring(0, qualified.indexOf('.') + 1);
    }
}
