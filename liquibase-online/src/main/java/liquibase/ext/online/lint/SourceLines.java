package liquibase.ext.online.lint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import liquibase.resource.ResourceAccessor;

/**
 * Finds the line of a changeset and of its changes in the changelog's text. Liquibase's parsed changelog keeps no
 * line numbers, so the text is searched: the changeset is the line that holds its id as the format writes it
 * ({@code id="7"} in XML, {@code id: 7} in YAML, {@code "id": "7"} in JSON, {@code --changeset ann:7} in formatted
 * SQL) and whose neighbourhood (up to 5 lines either way) names its author; a change is the n-th line after it that
 * opens the change by name ({@code <createIndex}, {@code createIndex:}, {@code "createIndex"}). A line that cannot
 * be found is 0, and the report then names the changeset only.
 */
final class SourceLines {

    private static final int NEAR = 5;

    private final ResourceAccessor resources;
    private final Map<String, List<String>> files = new HashMap<>();

    SourceLines(ResourceAccessor resources) {
        this.resources = resources;
    }

    /** The 1-based line of the changeset, or 0. */
    int changeSet(String file, String id, String author) {
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (opensChangeSet(file, lines.get(i), id, author) && near(lines, i, author)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The 1-based line of the {@code occurrence}-th (from 0) change named {@code name} after the changeset's line. */
    int change(String file, int changeSetLine, String name, int occurrence) {
        if (changeSetLine <= 0 || isSql(file)) {
            return changeSetLine;
        }
        List<String> lines = lines(file);
        int seen = 0;
        for (int i = changeSetLine; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("<changeSet") || line.startsWith("- changeSet:") || line.startsWith("\"changeSet\"")) {
                break;
            }
            if (opensChange(line, name)) {
                if (seen == occurrence) {
                    return i + 1;
                }
                seen++;
            }
        }
        return changeSetLine;
    }

    private static boolean opensChange(String line, String name) {
        return line.startsWith("<" + name + " ") || line.startsWith("<" + name + ">") || line.equals("<" + name)
                || line.startsWith("- " + name + ":") || line.startsWith(name + ":")
                || line.startsWith("\"" + name + "\"") || line.startsWith("{\"" + name + "\"")
                || line.startsWith("{ \"" + name + "\"");
    }

    private static boolean opensChangeSet(String file, String line, String id, String author) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (isSql(file)) {
            String compact = line.trim();
            return compact.startsWith("--changeset") && compact.contains(author + ":" + id)
                    && (compact.endsWith(author + ":" + id) || compact.contains(author + ":" + id + " "));
        }
        if (lower.endsWith(".xml")) {
            return line.contains("id=\"" + id + "\"") || line.contains("id='" + id + "'");
        }
        if (lower.endsWith(".json")) {
            return line.contains("\"id\": \"" + id + "\"") || line.contains("\"id\":\"" + id + "\"");
        }
        String trimmed = line.trim();
        return trimmed.equals("id: " + id) || trimmed.equals("id: \"" + id + "\"") || trimmed.equals("id: '" + id + "'")
                || trimmed.equals("- id: " + id) || trimmed.equals("id: " + id + ",");
    }

    private static boolean near(List<String> lines, int index, String author) {
        for (int i = Math.max(0, index - NEAR); i < Math.min(lines.size(), index + NEAR + 1); i++) {
            if (lines.get(i).contains(author)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSql(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    private List<String> lines(String file) {
        return files.computeIfAbsent(file, f -> {
            try (InputStream in = resources.getExisting(f).openInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
    }
}
