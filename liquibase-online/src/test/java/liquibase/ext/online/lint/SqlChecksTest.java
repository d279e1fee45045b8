package liquibase.ext.online.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import liquibase.ext.online.lint.sql.SqlChecks;
import liquibase.ext.online.lint.sql.SqlIssue;

/** The SQL rules on single PostgreSQL statements, including the ones a weaker parser gets wrong. */
class SqlChecksTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            CREATE INDEX i ON orders (a)                                                       | OL001
            CREATE INDEX ON orders (a)                                                         | OL001
            CREATE UNIQUE INDEX i ON public.orders USING btree (lower(email)) WHERE deleted_at IS NULL | OL001
            CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (a)                            | -
            DROP INDEX i                                                                       | OL002
            DROP INDEX CONCURRENTLY IF EXISTS i                                                | -
            ALTER TABLE orders ADD COLUMN r float8 DEFAULT random()                            | OL003
            ALTER TABLE orders ADD COLUMN u uuid NOT NULL DEFAULT gen_random_uuid()            | OL003
            ALTER TABLE orders ADD COLUMN t timestamptz DEFAULT clock_timestamp()              | OL003
            ALTER TABLE orders ADD COLUMN id2 bigserial                                        | OL003
            ALTER TABLE orders ADD COLUMN n int GENERATED ALWAYS AS IDENTITY                   | OL003
            ALTER TABLE orders ADD COLUMN t timestamptz DEFAULT now()                          | -
            ALTER TABLE orders ADD COLUMN s text NOT NULL DEFAULT 'x'                          | -
            ALTER TABLE orders ADD COLUMN s text NOT NULL                                      | OL004
            ALTER TABLE orders ALTER COLUMN status SET NOT NULL                                | OL006
            ALTER TABLE orders ALTER COLUMN status DROP NOT NULL                               | -
            ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id)     | OL007
            ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id) NOT VALID | -
            ALTER TABLE orders VALIDATE CONSTRAINT fk                                          | -
            ALTER TABLE orders ADD CONSTRAINT u UNIQUE (a)                                     | OL008
            ALTER TABLE orders ADD CONSTRAINT u UNIQUE USING INDEX u_idx                       | -
            ALTER TABLE orders ADD PRIMARY KEY (id)                                            | OL009
            ALTER TABLE orders ADD CONSTRAINT pk PRIMARY KEY USING INDEX pk_idx                | -
            ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2) USING amount::numeric    | OL010
            ALTER TABLE orders ALTER COLUMN amount SET DATA TYPE bigint                        | OL010
            ALTER TABLE orders RENAME COLUMN a TO b                                            | OL011
            ALTER TABLE orders RENAME TO purchases                                             | OL012
            ALTER TABLE orders DROP COLUMN a                                                   | OL013
            UPDATE orders SET a = 1                                                            | OL014
            UPDATE orders SET a = 1 WHERE id BETWEEN 1 AND 1000                                | -
            DELETE FROM orders                                                                 | OL015
            DELETE FROM orders WHERE id < 10                                                   | -
            ALTER TABLE orders ADD CONSTRAINT c CHECK (a > 0)                                  | OL017
            ALTER TABLE orders ADD CONSTRAINT c CHECK (a > 0) NOT VALID                        | -
            DO $$ BEGIN RAISE NOTICE 'x'; END $$                                               | -
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.a := 1; RETURN NEW; END $$ | -
            COMMENT ON COLUMN orders.a IS 'hello'                                              | -
            this is not sql                                                                    | OL018
            """)
    void statement(String sql, String rule) {
        List<SqlIssue> issues = new SqlChecks(new KnownTables()).check(sql, false);

        if (rule == null) {
            assertThat(issues).isEmpty();
        } else {
            assertThat(issues).extracting(SqlIssue::rule).containsExactly(Rule.valueOf(rule));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CREATE INDEX CONCURRENTLY i ON orders (a) | true
            DROP INDEX CONCURRENTLY i                 | true
            REINDEX INDEX CONCURRENTLY i              | true
            CREATE INDEX CONCURRENTLY i ON orders (a) | false
            """)
    void concurrentlyInATransaction(String sql, boolean inTransaction) {
        List<SqlIssue> issues = new SqlChecks(new KnownTables()).check(sql, inTransaction);

        assertThat(issues.stream().anyMatch(i -> i.rule() == Rule.OL016)).isEqualTo(inTransaction);
    }
}
