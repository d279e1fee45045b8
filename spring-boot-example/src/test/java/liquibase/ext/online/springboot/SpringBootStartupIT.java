package liquibase.ext.online.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/** Spring Boot's Liquibase auto-configuration runs a changelog with online change types at start-up. */
@SpringBootTest
class SpringBootStartupIT {

    private static final TestDatabase DB = PostgresServer.get().newDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
        registry.add("spring.datasource.username", DB::user);
        registry.add("spring.datasource.password", DB::password);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theOnlineChangesRanWhenTheApplicationStarted() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM databasechangelog", Integer.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE status = 'pending'", Integer.class))
                .isEqualTo(5000);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE tracking_code = 'T-' || id",
                Integer.class)).isEqualTo(5000);
        assertThat(jdbc.queryForObject("SELECT is_nullable FROM information_schema.columns "
                + "WHERE table_name = 'orders' AND column_name = 'status'", String.class)).isEqualTo("NO");
    }
}
