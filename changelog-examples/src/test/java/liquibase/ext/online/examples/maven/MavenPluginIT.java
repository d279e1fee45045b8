package liquibase.ext.online.examples.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/**
 * Runs {@code mvn liquibase:update} in a user's project (src/it/maven-plugin) whose liquibase-maven-plugin has
 * liquibase-online as a plugin dependency. The jar this build made is published to a throw-away file repository
 * under a version of its own, so the child build takes exactly this jar and nothing cached.
 */
class MavenPluginIT {

    @TempDir
    Path work;

    private final String version = "0.0.0-it-" + System.nanoTime();

    @AfterEach
    void forgetTheThrowAwayVersionInTheLocalRepository() throws IOException {
        deleteTree(Path.of(System.getProperty("it.localRepository"), "org/liquibase/ext/online/liquibase-online",
                version));
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void liquibaseMavenPluginRunsTheOnlineChangesWithTheExtensionAsPluginDependency() throws Exception {
        TestDatabase db = PostgresServer.get().newDatabase();
        Path project = copyProject();
        Path repository = publishExtension();

        List<String> command = new ArrayList<>(List.of(mvn(), "-B", "-ntp",
                "-Dmaven.repo.local=" + System.getProperty("it.localRepository"),
                "-Donline.repository=" + repository.toUri(), "-Donline.version=" + version,
                "-Dliquibase.version=" + System.getProperty("it.liquibaseVersion"),
                "-Dpostgresql.driver.version=" + System.getProperty("it.postgresqlDriverVersion"),
                "-Ddb.url=" + db.url(), "-Ddb.username=" + db.user(), "-Ddb.password=" + db.password(),
                "liquibase:update"));
        Path log = work.resolve("mvn.log");
        Process mvn = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!mvn.waitFor(5, TimeUnit.MINUTES)) {
            mvn.destroyForcibly();
            throw new AssertionError("mvn liquibase:update did not finish within 5 minutes; its log: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(mvn.exitValue()).as(output).isZero();
        assertThat(output).contains("BUILD SUCCESS");
        assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'pending' AND reference = 'R-' || id"))
                .isEqualTo(3000);
        assertThat(db.count("SELECT count(*) FROM databasechangelog")).isEqualTo(3);
    }

    private Path copyProject() throws IOException {
        Path project = Files.createDirectories(work.resolve("project"));
        for (String file : List.of("pom.xml", "changelog.xml")) {
            Files.copy(Path.of("src/it/maven-plugin", file), project.resolve(file));
        }
        return project;
    }

    /** A Maven repository layout with the extension jar and a minimal POM: it needs nothing at run time. */
    private Path publishExtension() throws IOException {
        Path repository = work.resolve("repository");
        Path dir = Files.createDirectories(repository.resolve("org/liquibase/ext/online/liquibase-online/" + version));
        Files.copy(extensionJar(), dir.resolve("liquibase-online-" + version + ".jar"));
        Files.writeString(dir.resolve("liquibase-online-" + version + ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                    <modelVersion>4.0.0</modelVersion>
                    <groupId>org.liquibase.ext.online</groupId>
                    <artifactId>liquibase-online</artifactId>
                    <version>%s</version>
                </project>
                """.formatted(version));
        return repository;
    }

    private static Path extensionJar() throws IOException {
        Path target = Path.of("../liquibase-online/target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "liquibase-online-*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().matches(".*-(tests|sources|javadoc)\\.jar")) {
                    return jar;
                }
            }
        }
        throw new IllegalStateException("build liquibase-online first: no jar in " + target.toAbsolutePath());
    }

    private static String mvn() {
        String home = System.getProperty("maven.home");
        return home == null ? "mvn" : Path.of(home, "bin", "mvn").toString();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
