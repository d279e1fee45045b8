package liquibase.ext.online.examples.app;

import java.math.BigDecimal;

/** An order as application version 1 knows it (the seed's {@code Order}, version 1). */
public record Order(long id, long userId, BigDecimal totalAmount) {
}
