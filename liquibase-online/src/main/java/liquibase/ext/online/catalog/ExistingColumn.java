package liquibase.ext.online.catalog;

import java.util.Locale;

/**
 * A column as the catalog has it, compared with the type a change asks for.
 *
 * @param type      as {@code format_type} prints it, e.g. {@code character varying(20)}
 * @param sameType  the asked type names the same base type ({@code to_regtype}) and the same modifiers
 * @param notNull   {@code attnotnull}
 */
public record ExistingColumn(String type, boolean sameType, boolean notNull) {

    /**
     * {@code to_regtype} drops type modifiers, so they are compared here: the first parenthesised part of both
     * spellings, e.g. {@code (20)} of {@code VARCHAR(20)} and {@code character varying(20)}.
     */
    static boolean sameModifiers(String wanted, String existing) {
        return modifiers(wanted).equals(modifiers(existing));
    }

    private static String modifiers(String type) {
        int open = type.indexOf('(');
        int close = type.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            return "";
        }
        return type.substring(open, close + 1).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
