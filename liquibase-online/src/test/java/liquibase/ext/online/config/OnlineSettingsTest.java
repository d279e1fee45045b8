package liquibase.ext.online.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Defaults come from Liquibase's configuration (here: system properties); a change's attribute wins. */
class OnlineSettingsTest {

    @AfterEach
    void clear() {
        System.clearProperty("liquibase.online.lockTimeout");
        System.clearProperty("liquibase.online.lockRetries");
        System.clearProperty("liquibase.online.batchSize");
    }

    @Test
    void withoutSettingsTheDefaultsAreOneSecondTenRetriesAndAdaptiveBatchesOf100ms() {
        assertThat(OnlineSettings.retryPolicy(null, null).lockTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(OnlineSettings.retryPolicy(null, null).retries()).isEqualTo(10);
        assertThat(OnlineSettings.batchSize(null)).isEqualTo(OnlineSettings.ADAPTIVE_BATCH_SIZE);
        assertThat(OnlineSettings.batchTime()).isEqualTo(Duration.ofMillis(100));
        assertThat(OnlineSettings.pauseMillis(null)).isZero();
    }

    @Test
    void liquibaseConfigurationChangesTheDefaults() {
        System.setProperty("liquibase.online.lockTimeout", "250ms");
        System.setProperty("liquibase.online.lockRetries", "3");
        System.setProperty("liquibase.online.batchSize", "777");

        assertThat(OnlineSettings.retryPolicy(null, null).lockTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(OnlineSettings.retryPolicy(null, null).retries()).isEqualTo(3);
        assertThat(OnlineSettings.batchSize(null)).isEqualTo(777);
    }

    @Test
    void theChangesOwnAttributeWinsOverTheConfiguration() {
        System.setProperty("liquibase.online.lockTimeout", "250ms");
        System.setProperty("liquibase.online.batchSize", "777");

        assertThat(OnlineSettings.retryPolicy("5s", 1).lockTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(OnlineSettings.batchSize(50)).isEqualTo(50);
    }
}
