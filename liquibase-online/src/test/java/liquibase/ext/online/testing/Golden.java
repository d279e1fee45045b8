package liquibase.ext.online.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares update-sql output with reviewed golden files in src/test/resources/plans. To accept a deliberate
 * change, run with -Dgolden.update=true and review the diff.
 */
public final class Golden {

    private Golden() {
    }

    /** What Liquibase's LoggingExecutor writes: each statement followed by ";" and a newline. */
    public static String script(List<String> statements) {
        StringBuilder out = new StringBuilder();
        statements.forEach(statement -> out.append(statement).append(";\n"));
        return out.toString();
    }

    public static void assertMatches(String name, String actual) {
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.writeString(Path.of("src/test/resources/plans", name), actual);
            }
            try (InputStream in = Golden.class.getResourceAsStream("/plans/" + name)) {
                assertThat(in).as("golden file plans/" + name).isNotNull();
                assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
