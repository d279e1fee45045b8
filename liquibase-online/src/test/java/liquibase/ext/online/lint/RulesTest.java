package liquibase.ext.online.lint;

import static liquibase.ext.online.lint.Lint.xml;
import static liquibase.ext.online.lint.Lint.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule, in XML and YAML: a changelog that triggers it and one that does not. */
class RulesTest {

    @TempDir
    Path dir;

    private static final String ORDERS_XML = """
            <createTable tableName="orders">
                <column name="id" type="bigint"/>
                <column name="a" type="varchar(20)"/>
            </createTable>
            """;
    private static final String ORDERS_YAML = "- createTable: {tableName: orders, columns: [{column: {name: id, "
            + "type: bigint}}, {column: {name: a, type: varchar(20)}}]}\n";

    /** A rule, its bad and good changelog in both formats. */
    record Case(Rule rule, String badXml, String badYaml, String goodXml, String goodYaml) {
        @Override
        public String toString() {
            return rule.id() + " " + rule.slug();
        }
    }

    /** The bad change on an existing table; the good one is the same change on a table the changelog created. */
    private static Case onNewTable(Rule rule, String changeXml, String changeYaml) {
        return new Case(rule, xml("", changeXml), yaml("", changeYaml), xml("", ORDERS_XML, changeXml),
                yaml("", ORDERS_YAML, changeYaml));
    }

    static Stream<Case> cases() {
        return Stream.of(
                onNewTable(Rule.OL001, "<createIndex tableName=\"orders\" indexName=\"i\"><column name=\"a\"/></createIndex>",
                        "- createIndex: {tableName: orders, indexName: i, columns: [{column: {name: a}}]}"),
                onNewTable(Rule.OL002, "<dropIndex tableName=\"orders\" indexName=\"i\"/>",
                        "- dropIndex: {tableName: orders, indexName: i}"),
                new Case(Rule.OL003,
                        xml("", "<addColumn tableName=\"orders\"><column name=\"u\" type=\"uuid\" defaultValueComputed=\"gen_random_uuid()\"/></addColumn>"),
                        yaml("", "- addColumn: {tableName: orders, columns: [{column: {name: u, type: uuid, defaultValueComputed: 'gen_random_uuid()'}}]}"),
                        xml("", "<addColumn tableName=\"orders\"><column name=\"t\" type=\"timestamptz\" defaultValueComputed=\"now()\"/></addColumn>"),
                        yaml("", "- addColumn: {tableName: orders, columns: [{column: {name: t, type: timestamptz, defaultValueComputed: 'now()'}}]}")),
                new Case(Rule.OL004,
                        xml("", "<addColumn tableName=\"orders\"><column name=\"s\" type=\"text\"><constraints nullable=\"false\"/></column></addColumn>"),
                        yaml("", "- addColumn: {tableName: orders, columns: [{column: {name: s, type: text, constraints: {nullable: false}}}]}"),
                        xml("", "<addColumn tableName=\"orders\"><column name=\"s\" type=\"text\" defaultValue=\"x\"><constraints nullable=\"false\"/></column></addColumn>"),
                        yaml("", "- addColumn: {tableName: orders, columns: [{column: {name: s, type: text, defaultValue: x, constraints: {nullable: false}}}]}")),
                onNewTable(Rule.OL005, "<addColumn tableName=\"orders\"><column name=\"s\" type=\"text\" value=\"x\"/></addColumn>",
                        "- addColumn: {tableName: orders, columns: [{column: {name: s, type: text, value: x}}]}"),
                onNewTable(Rule.OL006, "<addNotNullConstraint tableName=\"orders\" columnName=\"a\" columnDataType=\"varchar(20)\"/>",
                        "- addNotNullConstraint: {tableName: orders, columnName: a, columnDataType: varchar(20)}"),
                onNewTable(Rule.OL007, "<addForeignKeyConstraint baseTableName=\"orders\" baseColumnNames=\"a\" constraintName=\"fk\" referencedTableName=\"customers\" referencedColumnNames=\"id\"/>",
                        "- addForeignKeyConstraint: {baseTableName: orders, baseColumnNames: a, constraintName: fk, referencedTableName: customers, referencedColumnNames: id}"),
                onNewTable(Rule.OL008, "<addUniqueConstraint tableName=\"orders\" columnNames=\"a\"/>",
                        "- addUniqueConstraint: {tableName: orders, columnNames: a}"),
                onNewTable(Rule.OL009, "<addPrimaryKey tableName=\"orders\" columnNames=\"id\"/>",
                        "- addPrimaryKey: {tableName: orders, columnNames: id}"),
                new Case(Rule.OL010,
                        xml("", "<modifyDataType tableName=\"orders\" columnName=\"a\" newDataType=\"bigint\"/>"),
                        yaml("", "- modifyDataType: {tableName: orders, columnName: a, newDataType: bigint}"),
                        xml("", "<addColumn tableName=\"orders\"><column name=\"c\" type=\"varchar(20)\"/></addColumn>",
                                "<modifyDataType tableName=\"orders\" columnName=\"c\" newDataType=\"varchar(50)\"/>"),
                        yaml("", "- addColumn: {tableName: orders, columns: [{column: {name: c, type: varchar(20)}}]}",
                                "- modifyDataType: {tableName: orders, columnName: c, newDataType: text}")),
                onNewTable(Rule.OL011, "<renameColumn tableName=\"orders\" oldColumnName=\"a\" newColumnName=\"b\" columnDataType=\"varchar(20)\"/>",
                        "- renameColumn: {tableName: orders, oldColumnName: a, newColumnName: b, columnDataType: varchar(20)}"),
                onNewTable(Rule.OL012, "<renameTable oldTableName=\"orders\" newTableName=\"purchases\"/>",
                        "- renameTable: {oldTableName: orders, newTableName: purchases}"),
                onNewTable(Rule.OL013, "<dropColumn tableName=\"orders\" columnName=\"a\"/>",
                        "- dropColumn: {tableName: orders, columnName: a}"),
                new Case(Rule.OL014,
                        xml("", "<update tableName=\"orders\"><column name=\"a\" value=\"x\"/></update>"),
                        yaml("", "- update: {tableName: orders, columns: [{column: {name: a, value: x}}]}"),
                        xml("", "<update tableName=\"orders\"><column name=\"a\" value=\"x\"/><where>id = 7</where></update>"),
                        yaml("", "- update: {tableName: orders, where: id = 7, columns: [{column: {name: a, value: x}}]}")),
                new Case(Rule.OL015,
                        xml("", "<delete tableName=\"orders\"/>"),
                        yaml("", "- delete: {tableName: orders}"),
                        xml("", "<delete tableName=\"orders\"><where>id = 7</where></delete>"),
                        yaml("", "- delete: {tableName: orders, where: id = 7}")),
                new Case(Rule.OL016,
                        xml("", "<sql>CREATE INDEX CONCURRENTLY i ON orders (a)</sql>"),
                        yaml("", "- sql: {sql: CREATE INDEX CONCURRENTLY i ON orders (a)}"),
                        xml(" runInTransaction=\"false\"", "<sql>CREATE INDEX CONCURRENTLY i ON orders (a)</sql>"),
                        yaml("runInTransaction: false", "- sql: {sql: CREATE INDEX CONCURRENTLY i ON orders (a)}")),
                new Case(Rule.OL017,
                        xml("", "<sql>ALTER TABLE orders ADD CONSTRAINT c CHECK (a &lt;&gt; '')</sql>"),
                        yaml("", "- sql: {sql: \"ALTER TABLE orders ADD CONSTRAINT c CHECK (a <> '')\"}"),
                        xml("", "<sql>ALTER TABLE orders ADD CONSTRAINT c CHECK (a &lt;&gt; '') NOT VALID</sql>"),
                        yaml("", "- sql: {sql: \"ALTER TABLE orders ADD CONSTRAINT c CHECK (a <> '') NOT VALID\"}")),
                new Case(Rule.OL018,
                        xml("", "<sql>FROBNICATE orders</sql>"),
                        yaml("", "- sql: {sql: FROBNICATE orders}"),
                        xml("", "<sql>SELECT 1</sql>"),
                        yaml("", "- sql: {sql: SELECT 1}")));
    }

    static Stream<Arguments> casesInBothFormats() {
        return cases().flatMap(c -> Stream.of(Arguments.of(c, "changelog.xml", c.badXml(), c.goodXml()),
                Arguments.of(c, "changelog.yaml", c.badYaml(), c.goodYaml())));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("casesInBothFormats")
    void theBadChangelogTriggersTheRuleAndTheGoodOneDoesNot(Case c, String file, String bad, String good)
            throws Exception {
        List<Finding> badFindings = Lint.run(dir.resolve("bad"), file, bad);
        List<Finding> goodFindings = Lint.run(dir.resolve("good"), file, good);

        assertThat(badFindings).as(bad).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(c.rule());
            assertThat(f.file()).isEqualTo(file);
            assertThat(f.line()).isPositive();
            assertThat(f.changeSet()).isEqualTo("1::test");
        });
        assertThat(goodFindings).as(good).noneMatch(f -> f.rule() == c.rule());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyRuleHasItsTestCase(Case c) {
        assertThat(cases().map(Case::rule)).contains(c.rule());
        assertThat(cases().count()).isEqualTo(Rule.values().length);
    }
}
