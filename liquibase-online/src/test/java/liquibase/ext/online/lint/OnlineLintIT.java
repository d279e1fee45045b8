package liquibase.ext.online.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import liquibase.ext.online.cli.CommandLine;
import liquibase.ext.online.cli.CommandLine.Result;

/**
 * {@code liquibase online-lint} through Liquibase's real command line in a child JVM, started as the Liquibase
 * distribution starts it: LiquibaseLauncher with Liquibase's jars in internal/lib and the packaged extension jar
 * (ANTLR shaded inside it) alone in lib/. No ANTLR runtime is on the class path besides the jar's own copy.
 */
class OnlineLintIT {

    @TempDir
    Path workDir;

    private CommandLine cli;

    @BeforeEach
    void liquibaseHome() throws IOException {
        cli = CommandLine.withoutDriverOrAntlr(workDir);
        Files.writeString(workDir.resolve("unsafe.xml"), Lint.xml("",
                "<createIndex tableName=\"orders\" indexName=\"i\"><column name=\"a\"/></createIndex>",
                "<sql>ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id)</sql>"));
        Files.writeString(workDir.resolve("safe.yaml"), Lint.yaml("runInTransaction: false",
                "- sql: {sql: CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (a)}"));
    }

    @AfterEach
    void stopLiquibase() {
        cli.close();
    }

    private Result liquibase(String... args) throws Exception {
        return cli.run(args);
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
