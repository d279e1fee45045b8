package liquibase.ext.online.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.ext.online.testing.Catalogs;
import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * The example changelogs under {@code src/main/resources/examples/}, which the docs quote: each one, in XML, YAML
 * and JSON, does on a real PostgreSQL what its docs page says.
 */
class ExampleChangelogsIT {

    /**
     * One example per change type: its folder, how many of its last changesets are the online ones, what update
     * leaves, and what rolling those changesets back leaves (besides the schema they started from).
     */
    enum Example {
        BACKFILL_IN_BATCHES("backfillInBatches", 1, db -> {
            assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'pending'")).isEqualTo(300);
        }, db -> {
            // nothing to undo: the replaced values were NULL, the filled ones stay
            assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'pending'")).isEqualTo(300);
        }),
        ADD_COLUMN_ONLINE("addColumnOnline", 1, db -> {
            assertThat(catalog(db).column("orders", "invoice_number")).isEqualTo("bigint|not null");
            assertThat(catalog(db).constraint("orders_invoice_number_key")).isEqualTo("u|validated");
            // the sequence numbered the existing rows in key order, one number each
            assertThat(db.count("SELECT count(*) FROM orders WHERE invoice_number = id")).isEqualTo(300);
        }, db -> {
            assertThat(catalog(db).column("orders", "invoice_number")).isNull();
        }),
        CREATE_INDEX_CONCURRENTLY("createIndexConcurrently", 1, db -> {
            assertThat(catalog(db).index("customers_email_live_key")).isEqualTo("valid|unique");
            assertThat(catalog(db).indexDefinition("customers_email_live_key")).isEqualTo(
                    "CREATE UNIQUE INDEX customers_email_live_key ON public.customers "
                            + "USING btree (lower((email)::text)) WHERE (deleted_at IS NULL)");
        }, db -> {
            assertThat(catalog(db).index("customers_email_live_key")).isNull();
        }),
        DROP_INDEX_CONCURRENTLY("dropIndexConcurrently", 1, db -> {
            assertThat(catalog(db).index("orders_total_cents_idx")).isNull();
        }, db -> {
            // rebuilt by the changeset's own rollback element
            assertThat(catalog(db).index("orders_total_cents_idx")).isEqualTo("valid|not unique");
        }),
        ADD_NOT_NULL_CONSTRAINT_ONLINE("addNotNullConstraintOnline", 1, db -> {
            assertThat(catalog(db).column("orders", "status")).isEqualTo("character varying(20)|not null");
            assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'pending'")).isEqualTo(100);
        }, db -> {
            assertThat(catalog(db).column("orders", "status")).isEqualTo("character varying(20)|nullable");
            // the values filled from defaultNullValue stay
            assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'pending'")).isEqualTo(100);
        }),
        ADD_FOREIGN_KEY_CONSTRAINT_ONLINE("addForeignKeyConstraintOnline", 1, db -> {
            assertThat(catalog(db).constraint("orders_customer_fk")).isEqualTo("f|validated");
            assertThat(catalog(db).index("orders_customer_id_idx")).isEqualTo("valid|not unique");
        }, db -> {
            assertThat(catalog(db).constraint("orders_customer_fk")).isNull();
            assertThat(catalog(db).index("orders_customer_id_idx")).isNull();
        }),
        ADD_UNIQUE_CONSTRAINT_ONLINE("addUniqueConstraintOnline", 1, db -> {
            assertThat(catalog(db).constraint("orders_order_number_key")).isEqualTo("u|validated");
            assertThat(catalog(db).index("orders_order_number_key")).isEqualTo("valid|unique");
        }, db -> {
            assertThat(catalog(db).constraint("orders_order_number_key")).isNull();
            assertThat(catalog(db).index("orders_order_number_key")).isNull();
        }),
        ADD_CHECK_CONSTRAINT_ONLINE("addCheckConstraintOnline", 1, db -> {
            assertThat(catalog(db).constraint("orders_total_not_negative")).isEqualTo("c|validated");
        }, db -> {
            assertThat(catalog(db).constraint("orders_total_not_negative")).isNull();
        }),
        // no afterRollback: rolling back does not bring status back as it was, see
        // rollingBackBothHalvesOfTheRenameBringsStatusBackWithoutItsNotNullAndIndex
        RENAME_COLUMN_WITH_TRIGGER("renameColumnWithTrigger", 2, db -> {
            assertThat(catalog(db).column("orders", "status")).isNull();
            assertThat(catalog(db).column("orders", "order_status")).isEqualTo("character varying(20)|not null");
            assertThat(catalog(db).index("orders_order_status_idx")).isEqualTo("valid|not unique");
            assertThat(db.queryOne("SELECT column_default FROM information_schema.columns "
                    + "WHERE table_name = 'orders' AND column_name = 'order_status'"))
                    .isEqualTo("'new'::character varying");
            assertThat(db.count("SELECT count(*) FROM orders WHERE order_status = 'shipped'")).isEqualTo(100);
            assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")).isZero();
        }, null);

        final String changeType;
        final int onlineChangeSets;
        final Consumer<TestDatabase> afterUpdate;
        /** null when rolling back does not restore the schema the online changesets started from */
        final Consumer<TestDatabase> afterRollback;

        Example(String changeType, int onlineChangeSets, Consumer<TestDatabase> afterUpdate,
                Consumer<TestDatabase> afterRollback) {
            this.changeType = changeType;
            this.onlineChangeSets = onlineChangeSets;
            this.afterUpdate = afterUpdate;
            this.afterRollback = afterRollback;
        }

        String changelog(Format format) {
            return "examples/" + changeType + "/changelog." + format.extension;
        }

        @Override
        public String toString() {
            return changeType;
        }
    }

    enum Format {
        XML("xml"), YAML("yaml"), JSON("json");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    static Stream<Arguments> everyExampleInEveryFormat() {
        return Arrays.stream(Example.values())
                .flatMap(example -> Arrays.stream(Format.values()).map(format -> Arguments.of(example, format)));
    }

    static Stream<Example> examplesWhoseRollbackRestoresTheSchema() {
        return Arrays.stream(Example.values()).filter(example -> example.afterRollback != null);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("everyExampleInEveryFormat")
    void updateOnAFreshDatabaseLeavesWhatTheExampleDescribes(Example example, Format format) {
        TestDatabase db = PostgresServer.get().newDatabase();

        new LiquibaseRunner(db).update(example.changelog(format));

        example.afterUpdate.accept(db);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Example.class)
    void theXmlYamlAndJsonExamplesLeaveTheSameSchemaAndData(Example example) {
        Map<Format, String> fingerprints = new EnumMap<>(Format.class);
        for (Format format : Format.values()) {
            TestDatabase db = PostgresServer.get().newDatabase();
            new LiquibaseRunner(db).update(example.changelog(format));
            fingerprints.put(format, schema(db) + data(db));
        }

        assertThat(fingerprints.get(Format.YAML)).isEqualTo(fingerprints.get(Format.XML));
        assertThat(fingerprints.get(Format.JSON)).isEqualTo(fingerprints.get(Format.XML));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Example.class)
    void updateSqlOnAFreshDatabaseMatchesTheReviewedGoldenFile(Example example) {
        TestDatabase db = PostgresServer.get().newDatabase();

        String script = new LiquibaseRunner(db).updateSql(example.changelog(Format.XML));

        assertMatchesGolden(golden(example, "", db), deterministic(script));
    }

    /**
     * Where the plan depends on the table (its key for the batches, the old column's type, NOT NULL and indexes),
     * update-sql on a fresh database can only say so; run against the database the online changesets will meet,
     * as a DBA reviews a release, it prints every step.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Example.class, names = {"ADD_COLUMN_ONLINE", "ADD_NOT_NULL_CONSTRAINT_ONLINE",
            "RENAME_COLUMN_WITH_TRIGGER"})
    void updateSqlBeforeTheOnlineChangeSetsPrintsTheWholePlanAsReviewed(Example example) {
        TestDatabase db = PostgresServer.get().newDatabase();
        updateAllBut(db, example.changelog(Format.XML), example.onlineChangeSets);

        String script = new LiquibaseRunner(db).updateSql(example.changelog(Format.XML));

        assertMatchesGolden(golden(example, "-existing-table", db), deterministic(script));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplesWhoseRollbackRestoresTheSchema")
    void rollingBackTheOnlineChangeSetsRestoresTheSchemaBeforeThem(Example example) {
        TestDatabase before = PostgresServer.get().newDatabase();
        updateAllBut(before, example.changelog(Format.XML), example.onlineChangeSets);
        TestDatabase db = PostgresServer.get().newDatabase();
        LiquibaseRunner liquibase = new LiquibaseRunner(db);
        liquibase.update(example.changelog(Format.XML));

        liquibase.rollbackCount(example.changelog(Format.XML), example.onlineChangeSets);

        example.afterRollback.accept(db);
        assertThat(schema(db)).isEqualTo(schema(before));
    }

    @Test
    void rollingBackBothHalvesOfTheRenameBringsStatusBackWithoutItsNotNullAndIndex() {
        TestDatabase db = PostgresServer.get().newDatabase();
        LiquibaseRunner liquibase = new LiquibaseRunner(db);
        String changelog = Example.RENAME_COLUMN_WITH_TRIGGER.changelog(Format.XML);
        liquibase.update(changelog);

        liquibase.rollbackCount(changelog, 2);

        // Undoing the contract adds status back as a plain column that the trigger keeps equal to order_status,
        // without the NOT NULL and index that went with the dropped column (docs/renameColumnWithTrigger.md,
        // "Rollback"); undoing the expand then drops order_status, which had them. Values and default come back.
        // PostgreSQL 18 names its NOT NULL constraints; the name shows one left over under another name
        boolean pg18 = Integer.parseInt(String.valueOf(db.queryOne("SHOW server_version_num"))) >= 180000;
        assertThat(schema(db)).isEqualTo("""
                column orders.id bigint not null
                column orders.status character varying(20) default 'new'::character varying
                """ + (pg18 ? "constraint orders_id_not_null NOT NULL id\n" : "") + """
                constraint orders_pkey PRIMARY KEY (id)
                index CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)
                """);
        assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'shipped'")).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Example.class)
    void theXmlExampleIsValidAgainstLiquibasesAndOurXsdWithoutNetwork(Example example) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        // no schema may come from the network: only the two XSDs in the jars on the classpath
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        Validator validator = factory.newSchema(new Source[] {
                classpathSource("www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd"),
                classpathSource("liquibase-online.github.io/xml/ns/online/liquibase-online-1.0.xsd")})
                .newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");

        validator.validate(classpathSource(example.changelog(Format.XML)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Example.class)
    void theDocsPageQuotesTheExampleVerbatim(Example example) throws IOException {
        String page = Files.readString(Path.of("../docs", example.changeType + ".md"));
        String xml = resource(example.changelog(Format.XML));

        assertThat(page).contains("This example is `changelog-examples/src/main/resources/"
                + example.changelog(Format.XML) + "`, run by ExampleChangelogsIT.");
        // the whole file, or its changesets without the header, as they would stand in a reader's changelog
        assertThat(page).containsAnyOf(xml.strip(), changeSets(xml));
        assertThat(page).contains(resource(example.changelog(Format.YAML)).strip());
    }

    private static String changeSets(String xml) {
        String afterHeader = xml.substring(xml.indexOf(".xsd\">\n") + ".xsd\">\n".length());
        return afterHeader.substring(0, afterHeader.indexOf("</databaseChangeLog>")).stripTrailing().stripIndent()
                .strip();
    }

    /**
     * The golden file of an example's update-sql. On PostgreSQL 18 and later addNotNullConstraintOnline, and
     * renameColumnWithTrigger on an existing NOT NULL column, take the native NOT NULL NOT VALID, a plan of its
     * own: {@code -pg18}.
     */
    private static String golden(Example example, String variant, TestDatabase db) {
        boolean nativeNotNull = (example == Example.ADD_NOT_NULL_CONSTRAINT_ONLINE
                || example == Example.RENAME_COLUMN_WITH_TRIGGER && variant.equals("-existing-table"))
                && Integer.parseInt(String.valueOf(db.queryOne("SHOW server_version_num"))) >= 180000;
        return example.changeType + variant + (nativeNotNull ? "-pg18" : "") + ".sql";
    }

    private static Catalogs catalog(TestDatabase db) {
        return new Catalogs(db);
    }

    /** Tables, columns, defaults, indexes, constraints, triggers, functions and sequences of schema public. */
    private static String schema(TestDatabase db) {
        return lines(db, """
                SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                       || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
                   AND c.relname NOT LIKE 'databasechangelog%' AND a.attnum > 0 AND NOT a.attisdropped
                UNION ALL
                SELECT 'index ' || pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END
                  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                 WHERE c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'databasechangelog%'
                UNION ALL
                SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid)
                       || CASE WHEN convalidated THEN '' ELSE ' NOT VALID' END
                  FROM pg_constraint
                 WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE 'databasechangelog%'
                UNION ALL
                SELECT 'trigger ' || tgname || ' on ' || tgrelid::regclass FROM pg_trigger WHERE NOT tgisinternal
                UNION ALL
                SELECT 'function ' || oid::regprocedure FROM pg_proc WHERE pronamespace = 'public'::regnamespace
                UNION ALL
                SELECT 'sequence ' || relname FROM pg_class
                 WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace
                """);
    }

    /** Row count and a digest of the rows of every table of schema public. */
    private static String data(TestDatabase db) {
        StringBuilder out = new StringBuilder();
        for (List<Object> table : db.query("SELECT relname FROM pg_class WHERE relkind = 'r' "
                + "AND relnamespace = 'public'::regnamespace AND relname NOT LIKE 'databasechangelog%' ORDER BY 1")) {
            out.append("rows of ").append(table.get(0)).append(' ').append(db.queryOne(
                    "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM "
                            + table.get(0) + " t")).append('\n');
        }
        return out.toString();
    }

    private static String lines(TestDatabase db, String query) {
        StringBuilder out = new StringBuilder();
        db.query("SELECT * FROM (" + query + ") AS facts ORDER BY 1")
                .forEach(row -> out.append(row.get(0)).append('\n'));
        return out.toString();
    }

    /** The setup changesets of an example only: the state its online changesets start from. */
    private static void updateAllBut(TestDatabase db, String changelog, int lastChangeSets) {
        int all = changeSetCount(changelog);
        try {
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(Thread.currentThread().getContextClassLoader())),
                    () -> new CommandScope("updateCount")
                            .addArgumentValue("url", db.url())
                            .addArgumentValue("username", db.user())
                            .addArgumentValue("password", db.password())
                            .addArgumentValue("changelogFile", changelog)
                            .addArgumentValue("count", all - lastChangeSets)
                            .execute());
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static int changeSetCount(String changelog) {
        return (int) Arrays.stream(resource(changelog).split("<changeSet ", -1)).count() - 1;
    }

    /**
     * update-sql output without what changes from run to run or between Liquibase releases: the time, server and
     * version in Liquibase's header, the host that takes the changelog lock, and the checksum, version and
     * deployment id of each DATABASECHANGELOG row.
     */
    static String deterministic(String script) {
        return script
                .replaceAll("(?m)^-- (Ran at|Against|Liquibase version): .*$", "-- $1: (masked)")
                .replaceAll("LOCKEDBY = '[^']*'", "LOCKEDBY = '(masked)'")
                .replaceAll("(?m)^(INSERT INTO public\\.databasechangelog .*), '\\d+:[0-9a-f]+', (.*), '[^']*', "
                        + "'\\d+'\\);$", "$1, '(checksum)', $2, '(Liquibase version)', '(deployment id)');");
    }

    private static void assertMatchesGolden(String name, String actual) {
        Path file = Path.of("src/test/resources/golden", name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
            }
            assertThat(file).as("golden file (write it with -Dgolden.update=true, then review it)").exists();
            assertThat(actual).as("golden file " + file + " (rewrite with -Dgolden.update=true, then review the diff)")
                    .isEqualTo(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ExampleChangelogsIT.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Source classpathSource(String name) {
        URL url = ExampleChangelogsIT.class.getClassLoader().getResource(name);
        assertThat(url).as(name + " on the classpath").isNotNull();
        return new StreamSource(url.toExternalForm());
    }
}
