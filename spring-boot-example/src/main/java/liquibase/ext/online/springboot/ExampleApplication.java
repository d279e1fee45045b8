package liquibase.ext.online.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A plain Spring Boot application: Liquibase's auto-configuration runs {@code db/changelog/db.changelog-master.yaml}
 * at start-up, and finds the liquibase-online change types on the class path through the ServiceLoader. No code
 * of ours is needed for that.
 */
@SpringBootApplication
public class ExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }
}
