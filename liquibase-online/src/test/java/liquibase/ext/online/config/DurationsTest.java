package liquibase.ext.online.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "2s, 2000", "1min, 60000", "750, 750", " 3 S , 3000"})
    void readsDurationsAsPostgresqlWritesThem(String text, long millis) {
        assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "1h", "-5s", "", "0s"})
    void refusesWhatIsNotAPositiveDuration(String text) {
        assertThat(Durations.isValid(text)).isFalse();
    }
}
