package liquibase.ext.online.lint;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The findings a changeset accepts on purpose, read from its comment ({@code <comment>} in XML, {@code comment:} in
 * YAML and JSON, {@code --comment:} in formatted SQL):
 * <pre>online-lint:accept OL013 the application stopped reading it in release 41</pre>
 * One or more rule ids (or slugs), separated by commas, then the reason, which is required: an accept without a
 * reason accepts nothing. A comment may hold several accepts.
 */
final class Accepts {

    static final String MARKER = "online-lint:accept";

    private final Map<Rule, String> reasons = new HashMap<>();
    private final Set<Rule> withoutReason = EnumSet.noneOf(Rule.class);

    static Accepts of(String comment) {
        Accepts accepts = new Accepts();
        if (comment == null) {
            return accepts;
        }
        int at = comment.indexOf(MARKER);
        while (at >= 0) {
            int next = comment.indexOf(MARKER, at + MARKER.length());
            String clause = comment.substring(at + MARKER.length(), next < 0 ? comment.length() : next).trim();
            accepts.read(clause);
            at = next;
        }
        return accepts;
    }

    private void read(String clause) {
        String[] words = clause.split("\\s+", 2);
        if (words.length == 0 || words[0].isEmpty()) {
            return;
        }
        String reason = words.length > 1 ? words[1].trim() : "";
        for (String name : words[0].split(",")) {
            Rule rule = Rule.named(name.trim());
            if (rule == null) {
                continue;
            }
            if (reason.isEmpty()) {
                withoutReason.add(rule);
            } else {
                reasons.put(rule, reason);
            }
        }
    }

    /** The reason the rule is accepted with, or null. */
    String reason(Rule rule) {
        return reasons.get(rule);
    }

    /** Whether the comment accepts the rule but gives no reason (which accepts nothing). */
    boolean missingReason(Rule rule) {
        return !reasons.containsKey(rule) && withoutReason.contains(rule);
    }
}
