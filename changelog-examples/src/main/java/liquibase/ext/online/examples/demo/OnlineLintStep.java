package liquibase.ext.online.examples.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import liquibase.command.CommandFailedException;
import liquibase.exception.CommandExecutionException;
import liquibase.command.CommandScope;
import liquibase.ext.online.lint.OnlineLintCommandStep;

/**
 * The demo's first step: {@code liquibase online-lint} on the stock version of the demo changelog, as a team would
 * run it before adopting liquibase-online. It needs no database; the findings are what the online changelog fixes.
 */
final class OnlineLintStep {

    private OnlineLintStep() {
    }

    /** Runs online-lint on {@code changelog} (a class path resource) and returns its text report. */
    static String run(String changelog) throws Exception {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        CommandScope lint = new CommandScope(OnlineLintCommandStep.COMMAND_NAME)
                .addArgumentValue(OnlineLintCommandStep.CHANGELOG_FILE_ARG, changelog)
                .setOutput(report);
        try {
            lint.execute();
        } catch (CommandExecutionException e) {
            if (!(e.getCause() instanceof CommandFailedException)) {
                throw e;
            }
            // exit status 1 of the command line: errors were found, which is what this step shows
        }
        return report.toString(StandardCharsets.UTF_8);
    }

    static void print(String changelog, PrintStream out) throws Exception {
        out.println("== liquibase online-lint --changelog-file=" + changelog + " ==");
        out.print(run(changelog));
        out.println();
    }
}
