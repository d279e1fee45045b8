package liquibase.ext.online.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class GeneratedNamesTest {

    @Test
    void shortNamesAreReadableWords() {
        assertThat(GeneratedNames.trigger("status", "order_status")).isEqualTo("online_sync_status_order_status");
        assertThat(GeneratedNames.function("orders", "status", "order_status"))
                .isEqualTo("online_sync_orders_status_order_status");
    }

    @Test
    void triggerAndFunctionNamesNeverNeedQuoting() {
        assertThat(GeneratedNames.function("Order Items", "Status Code", "say \"hi\""))
                .isEqualTo("online_sync_order_items_status_code_say_hi_");
    }

    @Test
    void aLongNameIsCutTo63BytesAndEndsInAHashOfTheWholeName() {
        String a = GeneratedNames.function("orders", "status_" + "x".repeat(60), "state_a");
        String b = GeneratedNames.function("orders", "status_" + "x".repeat(60), "state_b");

        assertThat(a).hasSize(63).startsWith("online_sync_orders_status_xxx").matches(".*_[0-9a-f]{8}");
        assertThat(b).hasSize(63).isNotEqualTo(a);
    }

    @Test
    void multiByteCharactersAreNotCutInHalf() {
        String name = GeneratedNames.copy("idx_" + "ä".repeat(40), "zz", "yy");

        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(name).matches("idx_ä+_[0-9a-f]{8}");
    }

    @Test
    void aCopyReplacesTheOldColumnInTheOriginalNameOrAppendsTheNewOne() {
        assertThat(GeneratedNames.copy("orders_status_idx", "status", "order_status"))
                .isEqualTo("orders_order_status_idx");
        assertThat(GeneratedNames.copy("by_customer", "status", "order_status"))
                .isEqualTo("by_customer_order_status");
    }
}
