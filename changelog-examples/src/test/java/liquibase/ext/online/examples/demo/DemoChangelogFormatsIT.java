package liquibase.ext.online.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import liquibase.ext.online.examples.db.JdbcTarget;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/**
 * The demo's changelog exists in XML, YAML and JSON; run without the application (so the data is the same every
 * time), all three leave the same schema and the same rows.
 */
class DemoChangelogFormatsIT {

    private static final String SCHEMA = """
            SELECT string_agg(x, E'\\n' ORDER BY x) FROM (
              SELECT 'column ' || column_name || ' ' || data_type || ' ' || is_nullable || ' '
                     || coalesce(column_default, '-') AS x
                FROM information_schema.columns WHERE table_name = 'orders'
              UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE tablename = 'orders'
              UNION ALL SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated
                FROM pg_constraint WHERE conrelid = 'orders'::regclass
              UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE tgrelid = 'orders'::regclass
                AND NOT tgisinternal) s""";

    private static final String DATA = "SELECT md5(string_agg(concat_ws(':', id, user_id, total_amount, total_cents,"
            + " order_status), ',' ORDER BY id)) FROM orders";

    private static List<Object> finalState(String changelog) throws Exception {
        TestDatabase db = PostgresServer.get().newDatabase();
        DemoReport report = new DemoRun(new JdbcTarget(db.url(), db.user(), db.password()), changelog, 3_000, 0,
                new PrintStream(OutputStream.nullOutputStream())).run();
        assertThat(report.checks()).allSatisfy(check -> assertThat(check.passed()).as(check.detail()).isTrue());
        return List.of(db.queryOne(SCHEMA), db.queryOne(DATA));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void xmlYamlAndJsonVersionsOfTheDemoChangelogGiveTheSameSchemaAndData() throws Exception {
        List<Object> xml = finalState("demo/changelog.xml");

        assertThat(finalState("demo/changelog.yaml")).isEqualTo(xml);
        assertThat(finalState("demo/changelog.json")).isEqualTo(xml);
        assertThat(xml.get(0).toString()).contains("column order_status character varying NO 'pending'")
                .doesNotContain("column status ").doesNotContain("trigger ");
    }
}
