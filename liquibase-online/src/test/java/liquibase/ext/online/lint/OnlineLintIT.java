package liquibase.ext.online.lint;

import static org.assertj.core.api.Assertions.assertThat;

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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code liquibase online-lint} through Liquibase's real command line in a child JVM, started as the Liquibase
 * distribution starts it: LiquibaseLauncher with Liquibase's jars in internal/lib and the packaged extension jar
 * (ANTLR shaded inside it) alone in lib/. No ANTLR runtime is on the class path besides the jar's own copy.
 */
class OnlineLintIT {

    @TempDir
    Path workDir;

    private Path home;

    record Result(int exitCode, String stdout, String stderr) {
    }

    @BeforeEach
    void liquibaseHome() throws IOException {
        home = workDir.resolve("liquibase-home");
        Path internalLib = Files.createDirectories(home.resolve("internal/lib"));
        Path lib = Files.createDirectories(home.resolve("lib"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!name.endsWith(".jar") || name.startsWith("liquibase-online") || name.startsWith("antlr")
                    || name.startsWith("postgresql-")) {
                continue; // no ANTLR but the shaded one, no driver: lint needs no database
            }
            // named as in the Liquibase distribution, so that the launcher sees no duplicate core jar
            Files.copy(Path.of(entry), internalLib.resolve(name.startsWith("liquibase-core-") ? "liquibase-core.jar" : name));
        }
        Path jar = extensionJar();
        Files.copy(jar, lib.resolve(jar.getFileName()));
        Files.writeString(workDir.resolve("unsafe.xml"), Lint.xml("",
                "<createIndex tableName=\"orders\" indexName=\"i\"><column name=\"a\"/></createIndex>",
                "<sql>ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id)</sql>"));
        Files.writeString(workDir.resolve("safe.yaml"), Lint.yaml("runInTransaction: false",
                "- sql: {sql: CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (a)}"));
    }

    private static Path extensionJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "liquibase-online-*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().matches(".*-(tests|sources|javadoc)\\.jar")) {
                    return jar.toAbsolutePath();
                }
            }
        }
        throw new IllegalStateException("package the extension first: no jar in target/");
    }

    private Result liquibase(String... args) throws Exception {
        Path core = home.resolve("internal/lib/liquibase-core.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", core.toString(), "liquibase.integration.commandline.LiquibaseLauncher"));
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("LIQUIBASE_HOME", home.toString());
        Process process = builder.start();
        try {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                throw new IllegalStateException("liquibase " + String.join(" ", args) + " did not finish");
            }
        } finally {
            process.destroyForcibly().waitFor();
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void textFindingsAndExitCode1WithoutADatabase() throws Exception {
        Result result = liquibase("online-lint", "--changelog-file=unsafe.xml");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stdout())
                .contains("unsafe.xml:11: error OL001 create-index-not-concurrently")
                .contains("in changeset 1::test (createIndex)")
                .contains("instead: online:createIndexConcurrently")
                .contains("unsafe.xml:14: error OL007 add-foreign-key-validated")
                .contains("2 finding(s), 2 error(s) not accepted");
        assertThat(result.stderr()).contains("online-lint found 2 unsafe change(s)");
    }

    @Test
    void aSafeChangelogExitsWithZero() throws Exception {
        Result result = liquibase("online-lint", "--changelog-file=safe.yaml");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("0 finding(s)");
    }

    @Test
    void jsonAndSarifFormats() throws Exception {
        Result json = liquibase("online-lint", "--changelog-file=unsafe.xml", "--format=json");
        Result sarif = liquibase("online-lint", "--changelog-file=unsafe.xml", "--format=sarif");

        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.stdout()).startsWith("{");
        JsonNode findings = new ObjectMapper().readTree(json.stdout());
        assertThat(findings.at("/findings/1/rule").asText()).isEqualTo("OL007");
        assertThat(findings.at("/findings/1/changeType").asText()).isEqualTo("sql");
        assertThat(sarif.exitCode()).isEqualTo(1);
        JsonNode log = new ObjectMapper().readTree(sarif.stdout());
        assertThat(log.at("/version").asText()).isEqualTo("2.1.0");
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(11);
    }

    @Test
    void theCommandIsListedInHelp() throws Exception {
        Result result = liquibase("--help");

        assertThat(result.stdout()).contains("online-lint");
    }
}
