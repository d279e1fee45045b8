package liquibase.ext.online.lint.sql.grammar;

import java.util.ArrayDeque;
import java.util.Deque;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;

/**
 * The base class the PostgreSQL lexer grammar names ({@code superClass}). Adapted from the Java target of
 * antlr/grammars-v4 {@code sql/postgresql} (MIT, Copyright (c) 2021-2023 Oleksii Kovalov): the same predicates
 * and actions, for dollar-quote tags, comments and numbers.
 */
public abstract class PostgreSQLLexerBase extends Lexer {

    private final Deque<String> tags = new ArrayDeque<>();

    protected PostgreSQLLexerBase(CharStream input) {
        super(input);
    }

    /** Remembers the tag of an opening {@code $tag$}. */
    public void PushTag() {
        tags.push(getText());
    }

    /** Whether a {@code $tag$} closes the innermost open dollar quote. */
    public boolean IsTag() {
        return !tags.isEmpty() && getText().equals(tags.peek());
    }

    public void PopTag() {
        tags.pop();
    }

    public void UnterminatedBlockCommentDebugAssert() {
        // nothing to do: an unterminated comment is a syntax error the parser reports
    }

    public boolean CheckLaMinus() {
        return getInputStream().LA(1) != '-';
    }

    public boolean CheckLaStar() {
        return getInputStream().LA(1) != '*';
    }

    public boolean CharIsLetter() {
        return Character.isLetter(getInputStream().LA(-1));
    }

    public void HandleNumericFail() {
        getInputStream().seek(getInputStream().index() - 2);
        setType(PostgreSQLLexer.Integral);
    }

    public void HandleLessLessGreaterGreater() {
        if ("<<".equals(getText())) {
            setType(PostgreSQLLexer.LESS_LESS);
        }
        if (">>".equals(getText())) {
            setType(PostgreSQLLexer.GREATER_GREATER);
        }
    }

    public boolean CheckIfUtf32Letter() {
        return Character.isLetter(Character.toChars(getInputStream().LA(-1))[0]);
    }

    public boolean IsSemiColon() {
        return getInputStream().LA(1) == ';';
    }
}
