package liquibase.ext.online.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeChangesTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            varchar(20)          | varchar(50)            | true
            varchar(20)          | VARCHAR(20)            | true
            character varying(20)| text                   | true
            varchar(20)          | varchar                | true
            text                 | varchar                | true
            numeric(10,2)        | numeric(12,2)          | true
            numeric(10,2)        | numeric                | true
            varchar(50)          | varchar(20)            | false
            numeric(10,2)        | numeric(12,3)          | false
            int                  | bigint                 | false
            timestamp            | timestamptz            | false
            text                 | varchar(20)            | false
            """)
    void withoutRewrite(String from, String to, boolean expected) {
        assertThat(TypeChanges.withoutRewrite(from, to)).isEqualTo(expected);
    }
}
