package liquibase.ext.online.examples.app;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** total_cents as V2 and V3 write it, and as the demo's backfill computes it: round(total_amount * 100). */
final class Cents {

    private Cents() {
    }

    static long of(BigDecimal amount) {
        return amount.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
