package liquibase.ext.online.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations the way PostgreSQL's {@code lock_timeout} accepts them: 500ms, 2s, 1min; a bare number is ms. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,9})\\s*(ms|s|min)?\\s*");

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return Optional.of(switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "min" -> Duration.ofMinutes(amount);
            default -> Duration.ofMillis(amount);
        });
    }

    public static boolean isValid(String text) {
        return parse(text).filter(d -> !d.isZero()).isPresent();
    }
}
