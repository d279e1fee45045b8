package liquibase.ext.online.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SessionMarkerTest {

    private static final SessionMarker MARKER = new SessionMarker(4242, Instant.parse("2026-12-04T13:55:18.123456Z"));

    @Test
    void aWrittenMarkerIsReadBackWithItsHost() {
        String lockedBy = MARKER.lockedBy("web-1 (10.0.0.5)");

        assertThat(lockedBy).startsWith("web-1 (10.0.0.5) [liquibase-online backend 4242 started ");
        assertThat(SessionMarker.in(lockedBy)).contains(MARKER);
    }

    @Test
    void aLongHostIsCutSoTheMarkerStillFitsTheColumn() {
        String lockedBy = MARKER.lockedBy("h".repeat(400));

        assertThat(lockedBy).hasSize(SessionMarker.LOCKED_BY_WIDTH);
        assertThat(SessionMarker.in(lockedBy)).contains(MARKER);
    }

    @Test
    void aRowWrittenByStockLiquibaseHasNoMarker() {
        assertThat(SessionMarker.in("web-1 (10.0.0.5)")).isEmpty();
        assertThat(SessionMarker.in("web-1#[liquibase-online backend 1 started yesterday] (10.0.0.5)")).isEmpty();
        assertThat(SessionMarker.in(null)).isEmpty();
    }

    @Test
    void aMarkerWithAnUnreadableStartIsNotOurs() {
        assertThat(SessionMarker.in("web-1 [liquibase-online backend 7 started soon]")).isEmpty();
        assertThat(SessionMarker.in("web-1 [liquibase-online backend 99999999999 started 2026-12-04T13:55:18Z]"))
                .isEmpty();
    }
}
