package liquibase.ext.online.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an index is, as far as a rerun can tell it from the catalog: unique or not, its key columns in order and
 * whether it is partial. An index that merely has the name a change would give its own is no proof of earlier
 * work; one of another shape is somebody else's.
 *
 * @param keyColumns escaped key columns in order; null for a key that is an expression (not compared further)
 */
public record IndexShape(boolean unique, List<String> keyColumns, boolean partial) {

    public IndexShape {
        keyColumns = Collections.unmodifiableList(new ArrayList<>(keyColumns));
    }

    /** Keys as a definition lists them: the ones among {@code plainColumns} are columns, the rest expressions. */
    public static IndexShape of(boolean unique, List<String> keys, List<String> plainColumns, boolean partial) {
        List<String> columns = new ArrayList<>();
        keys.forEach(key -> columns.add(plainColumns.contains(key) ? key : null));
        return new IndexShape(unique, columns, partial);
    }

    /** How PostgreSQL would print it, for messages: {@code UNIQUE (a, <expression>) WHERE ...}. */
    public String describe() {
        List<String> keys = keyColumns.stream().map(k -> k == null ? "<expression>" : k).toList();
        return (unique ? "UNIQUE " : "") + "(" + String.join(", ", keys) + ")" + (partial ? " WHERE ..." : "");
    }
}
