package liquibase.ext.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/** The jar users put next to Liquibase: it must register itself and carry its XSD. Runs after `package`. */
class PackagedJarIT {

    private static JarFile jar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "liquibase-online-*.jar")) {
            for (Path path : jars) {
                String name = path.getFileName().toString();
                if (!name.endsWith("-tests.jar") && !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar")) {
                    return new JarFile(path.toFile());
                }
            }
        }
        throw new AssertionError("no liquibase-online jar in target/");
    }

    @Test
    void theManifestNamesTheExtensionAndItsVersion() throws IOException {
        try (JarFile jar = jar()) {
            Attributes main = jar.getManifest().getMainAttributes();

            assertThat(main.getValue("Implementation-Title")).isEqualTo("liquibase-online");
            assertThat(main.getValue("Implementation-Version")).isNotBlank();
        }
    }

    @Test
    void theChangeTypesGeneratorAndSettingsAreRegisteredForTheServiceLoader() throws IOException {
        try (JarFile jar = jar()) {
            assertThat(read(jar, "META-INF/services/liquibase.change.Change"))
                    .contains("liquibase.ext.online.change.BackfillInBatchesChange");
            assertThat(read(jar, "META-INF/services/liquibase.sqlgenerator.SqlGenerator"))
                    .contains("liquibase.ext.online.statement.ExecutePlanGenerator");
            assertThat(read(jar, "META-INF/services/liquibase.configuration.AutoloadedConfigurations"))
                    .contains("liquibase.ext.online.config.OnlineConfiguration");
        }
    }

    @Test
    void theXsdLiesWhereLiquibaseLooksForItsSchemaLocation() throws IOException {
        try (JarFile jar = jar()) {
            assertThat(jar.getEntry("liquibase-online.github.io/xml/ns/online/liquibase-online-1.0.xsd")).isNotNull();
        }
    }

    @Test
    void liquibaseItselfIsNotPackagedIntoTheJar() throws IOException {
        try (JarFile jar = jar()) {
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")))
                    .allMatch(n -> n.startsWith("liquibase/ext/online/"));
        }
    }

    private static String read(JarFile jar, String entry) throws IOException {
        return new String(jar.getInputStream(jar.getEntry(entry)).readAllBytes());
    }
}
