package liquibase.ext.online.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Testcontainers is only touched when Docker may be there, so machines without it never load its classes. */
final class ContainerPostgres {

    private ContainerPostgres() {
    }

    static PostgresServer startIfDockerWorks(String major) {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse("postgres:" + major))
                .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return PostgresServer.of(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "PostgreSQL " + major + " in Docker (Testcontainers)");
    }
}
