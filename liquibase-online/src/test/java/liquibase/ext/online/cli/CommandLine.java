package liquibase.ext.online.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Liquibase's real command line in a child JVM the way the Liquibase distribution starts it:
 * {@code LiquibaseLauncher} with a LIQUIBASE_HOME whose {@code internal/lib} holds Liquibase and its libraries
 * and whose {@code lib} holds what the user adds: the PostgreSQL driver and the extension jar.
 * <p>
 * Liquibase 4 loads extensions only from the class path it starts with ({@code internal/lib}, {@code lib},
 * {@code ./liquibase_libs}); its {@code --classpath} option adds drivers and changelogs, not extensions.
 */
final class CommandLine {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private final Path workDir;
    private final Path home;

    CommandLine(Path workDir) throws IOException {
        this.workDir = workDir;
        this.home = Files.createDirectories(workDir.resolve("liquibase-home"));
        Path internalLib = Files.createDirectories(home.resolve("internal/lib"));
        Path lib = Files.createDirectories(home.resolve("lib"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (!name.endsWith(".jar") || name.startsWith("liquibase-online")) {
                continue;
            }
            Path target = (name.startsWith("postgresql-") ? lib : internalLib).resolve(name);
            if (!Files.exists(target)) {
                Files.copy(jar, target);
            }
        }
        Files.copy(extensionJar(), lib.resolve(extensionJar().getFileName()));
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

    Result run(String... args) throws IOException, InterruptedException {
        Path core;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(home.resolve("internal/lib"), "liquibase-core-*.jar")) {
            core = jars.iterator().next();
        }
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
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("liquibase " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
