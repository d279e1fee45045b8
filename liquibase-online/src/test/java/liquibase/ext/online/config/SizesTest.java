package liquibase.ext.online.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    @ParameterizedTest
    @CsvSource({"64MB, 67108864", "512kB, 524288", "1GB, 1073741824", "2TB, 2199023255552", "4096, 4096",
            "100B, 100", " 8 mb , 8388608", "off, 0", "OFF, 0", "0, 0"})
    void readsSizesAsPostgresqlWritesThem(String text, long bytes) {
        assertThat(Sizes.parse(text)).hasValue(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "64 M", "1.5GB", "-1MB", "", "64MiB", "9999999999999TB"})
    void refusesWhatIsNotASize(String text) {
        assertThat(Sizes.isValid(text)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"812, 812 bytes", "1024, 1 kB", "1126400, 1.1 MB", "67108864, 64 MB", "1610612736, 1.5 GB"})
    void writesSizesForPeople(long bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
    }
}
