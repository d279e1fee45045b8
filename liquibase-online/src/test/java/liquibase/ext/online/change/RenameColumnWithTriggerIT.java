package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/** renameColumnWithTrigger through real `liquibase update` on a real PostgreSQL. */
class RenameColumnWithTriggerIT {

    private TestDatabase db;
    private LiquibaseRunner liquibase;

    @BeforeEach
    void freshDatabase() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db);
    }

    private void ordersWithRows(int rows) {
        db.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, status varchar(20))",
                "INSERT INTO orders (status) SELECT CASE WHEN g % 10 = 0 THEN NULL ELSE 's' || g END "
                        + "FROM generate_series(1, " + rows + ") g");
    }

    private String expand(String attributes) {
        return liquibase.xmlChangelog("expand-" + System.nanoTime() + ".xml", """
                <changeSet id="expand" author="test" runInTransaction="false">
                    <online:renameColumnWithTrigger %s/>
                </changeSet>
                """.formatted(attributes));
    }

    @Test
    void addsTheNewColumnFilledFromTheOldOne() {
        ordersWithRows(1000);

        liquibase.update(expand("tableName=\"orders\" oldColumnName=\"status\" newColumnName=\"order_status\" "
                + "batchSize=\"100\""));

        assertThat(db.count("SELECT count(*) FROM orders WHERE order_status IS DISTINCT FROM status")).isZero();
        assertThat(db.count("SELECT count(*) FROM orders WHERE order_status IS NULL")).isEqualTo(100);
        assertThat(db.queryOne("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = 'orders'::regclass AND attname = 'order_status'")).isEqualTo("character varying(20)");
    }
}
