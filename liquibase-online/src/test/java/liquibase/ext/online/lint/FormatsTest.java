package liquibase.ext.online.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON and formatted SQL changelogs, include and includeAll, sqlFile, accepts, and changes that are never reported. */
class FormatsTest {

    @TempDir
    Path dir;

    @Test
    void jsonChangelog() throws Exception {
        String json = """
                {"databaseChangeLog": [
                  {"changeSet": {"id": "1", "author": "ann", "changes": [
                    {"createIndex": {"tableName": "orders", "indexName": "i", "columns": [{"column": {"name": "a"}}]}}
                  ]}},
                  {"changeSet": {"id": "2", "author": "ann", "runInTransaction": false, "changes": [
                    {"sql": {"sql": "CREATE INDEX CONCURRENTLY j ON orders (b)"}}
                  ]}}
                ]}
                """;
        List<Finding> findings = Lint.run(dir, "changelog.json", json);

        assertThat(findings).extracting(Finding::rule, Finding::line, Finding::changeSet)
                .containsExactly(tuple(Rule.OL001, 3, "1::ann"));
    }

    @Test
    void formattedSqlChangelogWithAnAccept() throws Exception {
        String sql = """
                --liquibase formatted sql

                --changeset ann:1
                CREATE INDEX i ON orders (a);

                --changeset ann:2
                --comment: online-lint:accept OL013 the application stopped reading legacy_code in release 41
                ALTER TABLE orders DROP COLUMN legacy_code;

                --changeset ann:3 runInTransaction:false
                CREATE INDEX CONCURRENTLY j ON orders (b);
                ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT fk;
                """;
        List<Finding> findings = Lint.run(dir, "changelog.sql", sql);

        assertThat(findings).extracting(Finding::rule, Finding::line, Finding::accepted)
                .containsExactly(tuple(Rule.OL001, 3, false), tuple(Rule.OL013, 6, true));
        assertThat(findings.get(1).acceptedReason()).isEqualTo("the application stopped reading legacy_code in release 41");
        assertThat(findings.get(1).failing()).isFalse();
    }

    @Test
    void anAcceptWithoutAReasonAcceptsNothing() throws Exception {
        String xml = Lint.xml("", "<comment>online-lint:accept OL001</comment>"
                + "<createIndex tableName=\"orders\" indexName=\"i\"><column name=\"a\"/></createIndex>");
        List<Finding> findings = Lint.run(dir, "changelog.xml", xml);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.failing()).isTrue();
            assertThat(f.message()).contains("needs a reason");
        });
    }

    @Test
    void tablesCreatedInAnEarlierIncludedFileAreNewAndSqlFileIsParsed() throws Exception {
        Map<String, String> files = Map.of(
                "root.xml", Lint.XML_HEAD + """
                    <include file="tables.yaml" relativeToChangelogFile="true"/>
                    <includeAll path="later/" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """,
                "tables.yaml", Lint.yaml("", "- sql: {sql: \"CREATE TABLE invoices (id bigint, n int)\"}"),
                "later/1-changes.xml", Lint.xml("",
                        "<createIndex tableName=\"invoices\" indexName=\"i\"><column name=\"n\"/></createIndex>",
                        "<sqlFile path=\"sql/big.sql\"/>"),
                "sql/big.sql", """
                        ALTER TABLE invoices ADD COLUMN c int NOT NULL;
                        ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
                        UPDATE orders SET status = 'x' WHERE status IS NULL;
                        ALTER TABLE orders RENAME COLUMN status TO state;
                        """);
        List<Finding> findings = Lint.run(dir, files, "root.xml");

        assertThat(findings).extracting(Finding::rule, Finding::file, Finding::changeType)
                .containsExactly(tuple(Rule.OL006, "later/1-changes.xml", "sqlFile"),
                        tuple(Rule.OL011, "later/1-changes.xml", "sqlFile"));
    }

    @Test
    void ownChangeTypesAndOtherDatabasesAreNotReported() throws Exception {
        String xml = Lint.xml(" runInTransaction=\"false\"",
                "<online:createIndexConcurrently tableName=\"orders\" indexName=\"i\"><column name=\"a\"/></online:createIndexConcurrently>",
                "<sql dbms=\"h2\">CREATE INDEX i ON orders (a)</sql>");
        assertThat(Lint.run(dir, "changelog.xml", xml)).isEmpty();
    }

    @Test
    void aBackfillOfAColumnTheChangelogAddedIsAWholeTableUpdate() throws Exception {
        String xml = Lint.xml("",
                "<addColumn tableName=\"orders\"><column name=\"total_cents\" type=\"bigint\"/></addColumn>",
                "<update tableName=\"orders\"><column name=\"total_cents\" valueComputed=\"1\"/><where>total_cents IS NULL</where></update>");
        assertThat(Lint.run(dir, "changelog.xml", xml)).extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(Rule.OL014, 14));
    }
}
