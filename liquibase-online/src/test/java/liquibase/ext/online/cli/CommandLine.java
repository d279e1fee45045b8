package liquibase.ext.online.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs Liquibase's real command line in a child JVM the way the Liquibase distribution starts it:
 * {@code LiquibaseLauncher} with a LIQUIBASE_HOME whose {@code internal/lib} holds Liquibase and its libraries
 * and whose {@code lib} holds what the user adds: the PostgreSQL driver and, unless {@link #stock} made it, the
 * extension jar.
 * <p>
 * Liquibase 4 loads extensions only from the class path it starts with ({@code internal/lib}, {@code lib},
 * {@code ./liquibase_libs}); its {@code --classpath} option adds drivers and changelogs, not extensions.
 * <p>
 * Every child is killed by {@link #close()}, so a failed test leaves no Liquibase running.
 */
public final class CommandLine implements AutoCloseable {

    static final Duration LONGEST_RUN = Duration.ofMinutes(3);

    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** A Liquibase started and not yet waited for. */
    final class Run {

        private final Process process;
        private final Path out;
        private final Path err;
        private final String description;

        private Run(Process process, Path out, Path err, String description) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.description = description;
        }

        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(LONGEST_RUN.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(description + " did not finish within " + LONGEST_RUN);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }

        /** SIGKILL, as kill -9 or an evicted pod: the JVM gets no chance to release anything. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** What the run has written to its standard error so far. */
        String stderrSoFar() throws IOException {
            return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
        }

        /** Waits, at most a minute, until the run has written {@code text} to its standard error. */
        void awaitStderr(String text) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (System.nanoTime() < deadline) {
                if (stderrSoFar().contains(text)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(description + " ended without writing '" + text + "'");
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException(description + " did not write '" + text + "' within a minute");
        }
    }

    private final Path workDir;
    private final Path home;
    private final List<Process> started = new ArrayList<>();

    /** Liquibase with the extension jar in its lib folder, as our users run it. */
    CommandLine(Path workDir) throws IOException {
        this(workDir, "liquibase-home", true, name -> false);
    }

    /**
     * @param leftOut names of class path jars the home does not get
     */
    private CommandLine(Path workDir, String homeName, boolean withExtension, Predicate<String> leftOut)
            throws IOException {
        this.workDir = workDir;
        this.home = Files.createDirectories(workDir.resolve(homeName));
        Path internalLib = Files.createDirectories(home.resolve("internal/lib"));
        Path lib = Files.createDirectories(home.resolve("lib"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (!name.endsWith(".jar") || name.startsWith("liquibase-online") || leftOut.test(name)) {
                continue;
            }
            // the core jar named as in the distribution: under another name the launcher finds it twice and
            // warns on standard output, which a test reading that output (a JSON report) would see
            Path target = name.startsWith("postgresql-") ? lib.resolve(name)
                    : internalLib.resolve(name.startsWith("liquibase-core-") ? "liquibase-core.jar" : name);
            if (!Files.exists(target)) {
                Files.copy(jar, target);
            }
        }
        if (withExtension) {
            Files.copy(extensionJar(), lib.resolve(extensionJar().getFileName()));
        }
    }

    /** The same Liquibase without the extension: what a team that has not adopted it runs. */
    static CommandLine stock(Path workDir) throws IOException {
        return new CommandLine(workDir, "liquibase-home-stock", false, name -> false);
    }

    /**
     * Liquibase with the extension and no PostgreSQL driver, as a lint in a pipeline without a database runs it;
     * and no ANTLR runtime but the copy shaded inside the extension jar, so the lint proves that copy works.
     */
    public static CommandLine withoutDriverOrAntlr(Path workDir) throws IOException {
        return new CommandLine(workDir, "liquibase-home", true,
                name -> name.startsWith("postgresql-") || name.startsWith("antlr"));
    }

    static Path extensionJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "liquibase-online-*.jar")) {
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                if (!name.matches(".*-(tests|sources|javadoc)\\.jar")) {
                    return jar.toAbsolutePath();
                }
            }
        }
        throw new IllegalStateException("package the extension first: no jar in target/");
    }

    public Result run(String... args) throws IOException, InterruptedException {
        return start(args).await();
    }

    Run start(String... args) throws IOException {
        Path core = home.resolve("internal/lib/liquibase-core.jar");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", core.toString(), "liquibase.integration.commandline.LiquibaseLauncher"));
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("LIQUIBASE_HOME", home.toString());
        Process process = builder.start();
        synchronized (started) {
            started.add(process);
        }
        return new Run(process, out, err, "liquibase " + String.join(" ", args));
    }

    @Override
    public void close() {
        synchronized (started) {
            for (Process process : started) {
                try {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // a test that timed out is being interrupted: kill the rest all the same, without waiting
                    Thread.currentThread().interrupt();
                }
            }
            started.clear();
        }
    }
}
