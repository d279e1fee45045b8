package liquibase.ext.online.lock;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL session that wrote the DATABASECHANGELOGLOCK row, as the tail of its LOCKEDBY text. A backend is
 * named by its pid and its start time together, because PostgreSQL reuses pids.
 * <p>
 * The marker is what tells a row of ours from a row of a Liquibase without this extension: only a row with a
 * marker may ever be taken over, and only by a session that holds the advisory lock its writer held.
 */
public record SessionMarker(int pid, Instant backendStart) {

    /** The width of Liquibase's LOCKEDBY column. */
    static final int LOCKED_BY_WIDTH = 255;

    private static final Pattern MARKER = Pattern.compile(" \\[liquibase-online backend (\\d{1,10}) started (\\S+)]$");

    /** The marker in a LOCKEDBY text, if it carries one. */
    public static Optional<SessionMarker> in(String lockedBy) {
        if (lockedBy == null) {
            return Optional.empty();
        }
        Matcher m = MARKER.matcher(lockedBy);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SessionMarker(Integer.parseInt(m.group(1)), Instant.parse(m.group(2))));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The LOCKEDBY text: {@code host} as Liquibase writes it, then the marker. The host is cut, never the marker,
     * so that the value fits the column and stays recognisable.
     */
    public String lockedBy(String host) {
        String marker = " [liquibase-online backend " + pid + " started " + backendStart + "]";
        String text = host == null ? "" : host;
        int room = LOCKED_BY_WIDTH - marker.length();
        return (text.length() > room ? text.substring(0, room) : text) + marker;
    }
}
