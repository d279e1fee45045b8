package liquibase.ext.online.lint.sql.grammar;

import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.TokenStream;

/**
 * The base class the PostgreSQL parser grammar names ({@code superClass}). Adapted from the Java target of
 * antlr/grammars-v4 {@code sql/postgresql} (MIT, Copyright (c) 2021-2023 Oleksii Kovalov). Function bodies are
 * not parsed: the linter looks at the statements a changeset runs, not at the code a function holds.
 */
public abstract class PostgreSQLParserBase extends Parser {

    protected PostgreSQLParserBase(TokenStream input) {
        super(input);
    }

    public void ParseRoutineBody() {
        // function bodies stay text
    }

    public boolean OnlyAcceptableOps() {
        String text = getTokenStream().LT(1).getText();
        return "!".equals(text) || "!!".equals(text) || "!=-".equals(text);
    }
}
