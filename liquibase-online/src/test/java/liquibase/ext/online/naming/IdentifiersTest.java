package liquibase.ext.online.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aNameThatFitsStaysAsItIs() {
        assertThat(Identifiers.fit("orders_status_idx")).isEqualTo("orders_status_idx");
        assertThat(Identifiers.withSuffix("orders_status", "_idx")).isEqualTo("orders_status_idx");
    }

    @Test
    void aLongGeneratedNameIsCutTo63BytesAndEndsInAHashOfTheWhole() {
        String fitted = Identifiers.fit("x".repeat(80));

        assertThat(bytes(fitted)).isEqualTo(63);
        assertThat(fitted).matches("x{54}_[0-9a-f]{8}");
    }

    @Test
    void twoLongNamesThatShareTheirFirst63BytesStayDifferent() {
        String base = "a_very_long_table_name_that_goes_on_and_on_and_on_and_on_";

        assertThat(Identifiers.withSuffix(base + "first_column", "_idx"))
                .isNotEqualTo(Identifiers.withSuffix(base + "second_column", "_idx"))
                .endsWith("_idx");
    }

    @Test
    void theSuffixThatSaysWhatTheObjectIsAlwaysStays() {
        String fitted = Identifiers.withSuffix("t".repeat(70), "_not_null");

        assertThat(bytes(fitted)).isLessThanOrEqualTo(63);
        assertThat(fitted).endsWith("_not_null");
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNeverCutInHalf() {
        String fitted = Identifiers.fit("\uD83D\uDE00".repeat(20));

        assertThat(bytes(fitted)).isLessThanOrEqualTo(63);
        assertThat(fitted.codePoints().filter(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .as("no lone half of a surrogate pair").isEmpty();
        assertThat(new String(fitted.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(fitted);
    }

    @Test
    void multiByteCharactersCountByTheirBytes() {
        assertThat(Identifiers.fits("ä".repeat(31))).isTrue();
        assertThat(Identifiers.fits("ä".repeat(32))).isFalse();
    }
}
