package liquibase.ext.online.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * PostgreSQL's limit on names, in one place. PostgreSQL cuts a longer name to 63 bytes without a word, so a name
 * we generate must already fit, or a later lookup by the full name misses the object and two long names can end
 * up the same. A generated name that is too long is cut at a character boundary and ends in a hash of the whole.
 * User-given names are not cut: a change refuses them when it is validated.
 */
public final class Identifiers {

    public static final int MAX_BYTES = 63;
    private static final int HASH_CHARS = 8;

    private Identifiers() {
    }

    public static boolean fits(String name) {
        return bytes(name) <= MAX_BYTES;
    }

    /** The name itself if it fits, else its head, an underscore and a hash of the whole name. */
    public static String fit(String name) {
        return fits(name) ? name : head(name, MAX_BYTES - HASH_CHARS - 1) + "_" + hash(name);
    }

    /**
     * {@code base + suffix} if it fits, else the base's head, an underscore, a hash of the base and the suffix:
     * the suffix, which says what the object is, always stays.
     */
    public static String withSuffix(String base, String suffix) {
        String whole = base + suffix;
        if (fits(whole)) {
            return whole;
        }
        return head(base, MAX_BYTES - bytes(suffix) - HASH_CHARS - 1) + "_" + hash(base) + suffix;
    }

    /**
     * The helper {@code CHECK (column IS NOT NULL)} that lets SET NOT NULL skip its scan. Not
     * {@code <table>_<column>_not_null}: PostgreSQL 18 gives its own NOT NULL constraint that name, and would call
     * it {@code ..._not_null1} if the helper still held the name at that moment.
     */
    public static String notNullCheck(String table, String column) {
        return withSuffix(table + "_" + column, "_nn_check");
    }

    /** The longest prefix of whole characters (never half a surrogate pair) within {@code limit} bytes. */
    private static String head(String name, int limit) {
        StringBuilder head = new StringBuilder();
        int used = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            String next = new String(Character.toChars(codePoint));
            if (used + bytes(next) > limit) {
                break;
            }
            head.append(next);
            used += bytes(next);
            i += Character.charCount(codePoint);
        }
        return head.toString();
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String hash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
