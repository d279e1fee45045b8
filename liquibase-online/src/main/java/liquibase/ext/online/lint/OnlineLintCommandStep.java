package liquibase.ext.online.lint;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.command.AbstractCommandStep;
import liquibase.command.CommandArgumentDefinition;
import liquibase.command.CommandBuilder;
import liquibase.command.CommandDefinition;
import liquibase.command.CommandResultsBuilder;
import liquibase.command.CommonArgumentNames;
import liquibase.ext.online.lint.report.Reports;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;

/**
 * {@code liquibase online-lint --changelog-file=db/changelog.xml [--format=text|json|sarif]}: reports the changes
 * of a changelog that would lock or rewrite a busy PostgreSQL table. Offline: it parses the changelog and needs no
 * database. Exits with 1 when a finding at error level is not accepted, else 0.
 */
public class OnlineLintCommandStep extends AbstractCommandStep {

    public static final String[] COMMAND_NAME = {"onlineLint"};

    public static final CommandArgumentDefinition<String> CHANGELOG_FILE_ARG;
    public static final CommandArgumentDefinition<String> FORMAT_ARG;

    /** The exit code when an error-level finding was not accepted. */
    public static final int FINDINGS_EXIT_CODE = 1;

    static {
        CommandBuilder builder = new CommandBuilder(COMMAND_NAME);
        CHANGELOG_FILE_ARG = builder.argument(CommonArgumentNames.CHANGELOG_FILE, String.class).required()
                .description("The root changelog file to lint").build();
        FORMAT_ARG = builder.argument("format", String.class).defaultValue("text")
                .description("Output format: text, json or sarif (SARIF 2.1.0, for code scanning)").build();
    }

    @Override
    public String[][] defineCommandNames() {
        return new String[][] {COMMAND_NAME};
    }

    @Override
    public void adjustCommandDefinition(CommandDefinition definition) {
        definition.setShortDescription("Find the changes that would lock or rewrite a busy PostgreSQL table "
                + "(liquibase-online)");
        definition.setLongDescription("Parses the changelog (no database needed) and reports every change that "
                + "would lock or rewrite an existing PostgreSQL table, with the liquibase-online change type to "
                + "use instead. Exit code 1 when an error is found that no online-lint:accept comment accepts.");
    }

    @Override
    public void run(CommandResultsBuilder resultsBuilder) throws Exception {
        String file = resultsBuilder.getCommandScope().getArgumentValue(CHANGELOG_FILE_ARG);
        Reports format;
        try {
            format = Reports.named(resultsBuilder.getCommandScope().getArgumentValue(FORMAT_ARG));
        } catch (IllegalArgumentException e) {
            throw resultsBuilder.commandFailed(e.getMessage(), 1, true);
        }
        ResourceAccessor resources = Scope.getCurrentScope().getResourceAccessor();
        ChangeLogParameters parameters = new ChangeLogParameters();
        parameters.addJavaProperties();
        parameters.addDefaultFileProperties();
        DatabaseChangeLog changeLog = ChangeLogParserFactory.getInstance().getParser(file, resources)
                .parse(file, parameters, resources);
        List<Finding> findings = new ChangeLogLinter(resources).lint(changeLog);

        PrintWriter out = new PrintWriter(new OutputStreamWriter(resultsBuilder.getOutputStream(),
                StandardCharsets.UTF_8));
        format.write(findings, version(), out);
        resultsBuilder.addResult("findings", findings);
        long errors = findings.stream().filter(Finding::failing).count();
        if (errors > 0) {
            throw resultsBuilder.commandFailed("online-lint found " + errors + " unsafe change(s) at error level",
                    FINDINGS_EXIT_CODE, true);
        }
    }

    private static String version() {
        String version = OnlineLintCommandStep.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
