package liquibase.ext.online.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks PostgreSQL whether a default expression is volatile, as {@code ADD COLUMN} itself decides whether to
 * rewrite the table: by the volatility ({@code pg_proc.provolatile}) of the functions it calls. An expression is
 * reported non-volatile only when every function it calls is known and none is volatile; anything this cannot
 * read for sure (quoted or dollar-quoted text, unknown names) counts as volatile, which takes the safe path.
 */
public final class DefaultVolatility {

    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*)\\s*\\(");
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^']|'')*'");
    /** SQL constructs written like calls that are not functions in pg_proc; their arguments are still checked. */
    private static final Set<String> CONSTRUCTS = Set.of("cast", "coalesce", "nullif", "greatest", "least", "row",
            "array");

    private static final String ALL_KNOWN_NONE_VOLATILE = """
            SELECT count(DISTINCT p.proname) = cardinality(?::text[])
                   AND NOT coalesce(bool_or(p.provolatile = 'v'), false)
              FROM pg_catalog.pg_proc p
             WHERE p.proname = ANY(?::text[])""";

    private final Connection connection;

    public DefaultVolatility(Connection connection) {
        this.connection = connection;
    }

    /** The expressions among {@code expressions} that are surely not volatile. */
    public Set<String> nonVolatile(Collection<String> expressions) throws SQLException {
        Set<String> result = new HashSet<>();
        for (String expression : expressions) {
            if (isSurelyNonVolatile(expression)) {
                result.add(expression);
            }
        }
        return result;
    }

    boolean isSurelyNonVolatile(String expression) throws SQLException {
        Optional<Set<String>> functions = functionsCalled(expression);
        if (functions.isEmpty()) {
            return false;
        }
        if (functions.get().isEmpty()) {
            return true;
        }
        Array names = connection.createArrayOf("text", functions.get().toArray());
        try (PreparedStatement ps = connection.prepareStatement(ALL_KNOWN_NONE_VOLATILE)) {
            ps.setArray(1, names);
            ps.setArray(2, names);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } finally {
            names.free();
        }
    }

    /** Names of the functions an expression calls, lower-cased as PostgreSQL folds them; empty if unsure. */
    static Optional<Set<String>> functionsCalled(String expression) {
        String code = STRING_LITERAL.matcher(expression).replaceAll("''");
        if (code.contains("\"") || code.contains("$") || code.contains("\\") || code.contains("'") && !balanced(code)) {
            return Optional.empty();
        }
        Set<String> names = new TreeSet<>();
        Matcher m = CALL.matcher(code);
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (!CONSTRUCTS.contains(name)) {
                names.add(name);
            }
        }
        return Optional.of(names);
    }

    private static boolean balanced(String code) {
        return code.chars().filter(ch -> ch == '\'').count() % 2 == 0;
    }
}
