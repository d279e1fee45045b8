package liquibase.ext.online.lint.sql;

import java.util.ArrayList;
import java.util.List;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;

import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.lint.sql.grammar.PostgreSQLLexer;
import liquibase.ext.online.lint.sql.grammar.PostgreSQLParser;

/**
 * Parses SQL with the PostgreSQL grammar of antlr/grammars-v4 (a port of PostgreSQL's own gram.y), built from
 * src/main/antlr4. The fast SLL prediction is tried first and the full LL one only when it fails, as ANTLR
 * recommends. Text that does not parse gives {@code null}, never an exception.
 */
public final class PostgresSql {

    private PostgresSql() {
    }

    /** The statements of {@code sql}, or null if it is not valid PostgreSQL for this grammar. */
    public static List<PostgreSQLParser.StmtContext> parse(String sql) {
        PostgreSQLParser.RootContext root = root(sql, true);
        if (root == null) {
            root = root(sql, false);
        }
        if (root == null) {
            return null;
        }
        return new ArrayList<>(root.stmtblock().stmtmulti().stmt());
    }

    /** The lower-cased names of the functions an expression calls (schema dropped), or null if it does not parse. */
    public static List<String> functionsCalled(String expression) {
        List<PostgreSQLParser.StmtContext> parsed = parse("SELECT " + expression);
        if (parsed == null || parsed.size() != 1) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (PostgreSQLParser.Func_nameContext name : all(parsed.get(0), PostgreSQLParser.Func_nameContext.class)) {
            names.add(unqualified(name.getText()));
        }
        return names;
    }

    /** Every node of type {@code type} under {@code tree}, in document order. */
    public static <T extends ParseTree> List<T> all(ParseTree tree, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(tree, type, found);
        return found;
    }

    private static <T extends ParseTree> void collect(ParseTree tree, Class<T> type, List<T> found) {
        if (type.isInstance(tree)) {
            found.add(type.cast(tree));
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            collect(tree.getChild(i), type, found);
        }
    }

    /** A name as PostgreSQL folds it, without its schema: {@code public."Orders"} gives {@code Orders}. */
    public static String unqualified(String name) {
        String last = name;
        int dot = lastDotOutsideQuotes(name);
        if (dot >= 0) {
            last = name.substring(dot + 1);
        }
        return Catalog.nameAsParsed(last);
    }

    private static int lastDotOutsideQuotes(String name) {
        boolean quoted = false;
        int dot = -1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                dot = i;
            }
        }
        return dot;
    }

    private static PostgreSQLParser.RootContext root(String sql, boolean sll) {
        PostgreSQLLexer lexer = new PostgreSQLLexer(CharStreams.fromString(sql));
        lexer.removeErrorListeners();
        lexer.addErrorListener(Failing.INSTANCE);
        PostgreSQLParser parser = new PostgreSQLParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(Failing.INSTANCE);
        parser.getInterpreter().setPredictionMode(sll ? PredictionMode.SLL : PredictionMode.LL);
        try {
            // the listener throws at the first syntax error, so a returned tree has none
            return parser.root();
        } catch (IllegalStateException | IndexOutOfBoundsException failed) {
            return null;
        }
    }

    /** Turns the first syntax error into an exception, so that a bad statement ends the parse at once. */
    private static final class Failing extends BaseErrorListener {

        static final Failing INSTANCE = new Failing();

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int position,
                String message, RecognitionException e) {
            throw new ParseCancellationException("line " + line + ":" + position + " " + message);
        }
    }
}
