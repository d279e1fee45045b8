package liquibase.ext.online.examples.db;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The command-line options the demo and the benchmark share. {@code --threads 0} runs without the application,
 * which measures what a migration costs by itself.
 */
public record Options(long rows, int threads, JdbcTarget server, List<String> only, String report) {

    public static final String USAGE = "options: --rows N  --threads T  [--only name,name]  [--report DIR]  "
            + "[--url jdbc:postgresql://host:port/db --username U --password P]  (default: an embedded PostgreSQL)";

    /** {@link #parse}, or, for bad options, the usage on stderr and exit code 2, as a command line tool does. */
    public static Options parseOrExit(String[] args, long defaultRows, String moreUsage) {
        try {
            return parse(args, defaultRows);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + moreUsage);
            System.exit(2);
            throw e;
        }
    }

    public static Options parse(String[] args, long defaultRows) {
        long rows = defaultRows;
        int threads = 4;
        String url = null;
        String username = null;
        String password = null;
        List<String> only = List.of();
        String report = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--rows" -> rows = Long.parseLong(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--url" -> url = value;
                case "--username" -> username = value;
                case "--password" -> password = value;
                case "--only" -> only = Arrays.stream(value.split(",")).map(String::trim).toList();
                case "--report" -> report = value;
                default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
            }
        }
        if (rows < 1 || threads < 0) {
            throw new IllegalArgumentException("--rows must be at least 1 and --threads at least 0; " + USAGE);
        }
        return new Options(rows, threads, url == null ? null : new JdbcTarget(url, username, password), only,
                report);
    }

    public DatabaseServer startServer() throws IOException {
        return server == null ? DatabaseServer.embedded() : DatabaseServer.given(server);
    }
}
