package liquibase.ext.online.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which function names a default expression is reduced to before PostgreSQL is asked about their volatility. */
class DefaultVolatilityTest {

    @Test
    void aCallIsFoundWithItsNameLowerCased() {
        assertThat(DefaultVolatility.functionsCalled("Gen_Random_UUID()")).contains(java.util.Set.of("gen_random_uuid"));
    }

    @Test
    void aLiteralOrAKeywordCallsNothing() {
        assertThat(DefaultVolatility.functionsCalled("'pending'")).contains(java.util.Set.of());
        assertThat(DefaultVolatility.functionsCalled("CURRENT_TIMESTAMP")).contains(java.util.Set.of());
    }

    @Test
    void textInsideStringLiteralsIsNotMistakenForACall() {
        assertThat(DefaultVolatility.functionsCalled("'random()'")).contains(java.util.Set.of());
    }

    @Test
    void sqlConstructsAreSkippedButTheirArgumentsAreNot() {
        assertThat(DefaultVolatility.functionsCalled("coalesce(random(), 0)")).contains(java.util.Set.of("random"));
    }

    @Test
    void quotedNamesOrDollarQuotingMakeItUnsure() {
        assertThat(DefaultVolatility.functionsCalled("\"MyFunc\"()")).isEmpty();
        assertThat(DefaultVolatility.functionsCalled("$$x$$")).isEmpty();
    }
}
