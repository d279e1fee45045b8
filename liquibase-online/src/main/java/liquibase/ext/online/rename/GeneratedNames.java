package liquibase.ext.online.rename;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names of the objects a rename creates. PostgreSQL silently cuts names after 63 bytes, so two long names could
 * collide, or a later lookup could miss; a name that is too long is therefore cut and ends in a hash of the whole.
 * Trigger and function names are plain lower-case words, so they never need quoting; copies keep the style of
 * the name they copy.
 */
public final class GeneratedNames {

    public static final int MAX_BYTES = 63;
    private static final int HASH_CHARS = 8;

    private GeneratedNames() {
    }

    public static String trigger(String oldColumn, String newColumn) {
        return fit(plain("online_sync_" + oldColumn + "_" + newColumn));
    }

    public static String function(String table, String oldColumn, String newColumn) {
        return fit(plain("online_sync_" + table + "_" + oldColumn + "_" + newColumn));
    }

    /** The name of an index or constraint copied from the old column to the new one. */
    public static String copy(String original, String oldColumn, String newColumn) {
        String name = original.contains(oldColumn) ? original.replace(oldColumn, newColumn)
                : original + "_" + newColumn;
        return fit(name);
    }

    public static String notNullCheck(String table, String newColumn) {
        return fit(table + "_" + newColumn + "_not_null");
    }

    private static String plain(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    }

    public static boolean fits(String name) {
        return bytes(name) <= MAX_BYTES;
    }

    static String fit(String name) {
        if (fits(name)) {
            return name;
        }
        StringBuilder head = new StringBuilder();
        int limit = MAX_BYTES - HASH_CHARS - 1;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            String next = new String(Character.toChars(codePoint));
            if (bytes(head.toString()) + bytes(next) > limit) {
                break;
            }
            head.append(next);
            i += Character.charCount(codePoint);
        }
        return head + "_" + hash(name);
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
