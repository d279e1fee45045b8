package liquibase.ext.online.config;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads amounts of data the way PostgreSQL's memory and WAL settings take them: 64MB, 512kB, 1GB, 1TB, a bare
 * number is bytes (B may be written too). Units are powers of 1024 and case does not matter. {@code off} (or 0)
 * is the absence of a limit.
 */
public final class Sizes {

    private static final Pattern SIZE = Pattern.compile("\\s*(\\d{1,15})\\s*(b|kb|mb|gb|tb)?\\s*");

    private Sizes() {
    }

    /**
     * The size in bytes; 0 for {@code off} or 0; empty when the text is not a size (or overflows a long).
     */
    public static OptionalLong parse(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("off")) {
            return OptionalLong.of(0);
        }
        Matcher m = SIZE.matcher(lower);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long amount = Long.parseLong(m.group(1));
        int shift = switch (Optional.ofNullable(m.group(2)).orElse("b")) {
            case "kb" -> 10;
            case "mb" -> 20;
            case "gb" -> 30;
            case "tb" -> 40;
            default -> 0;
        };
        if (amount > (Long.MAX_VALUE >> shift)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(amount << shift);
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    /** A byte count for people: 812 bytes, 512 kB, 120.4 MB, 1.5 GB. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value)) + " " + units[unit];
    }
}
