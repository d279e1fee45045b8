package liquibase.ext.online.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** docs/online-lint.md has a section for every rule, under the anchor the SARIF helpUri points at. */
class RuleDocsTest {

    @Test
    void everyRuleHasItsSectionWithABadAndAGoodExample() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "online-lint.md"));
        for (Rule rule : Rule.values()) {
            String heading = "### " + rule.id() + " " + rule.slug();
            assertThat(docs).contains(heading);
            assertThat(rule.helpUri()).endsWith("#" + rule.id().toLowerCase(Locale.ROOT) + "-" + rule.slug());
            String section = docs.substring(docs.indexOf(heading));
            int next = section.indexOf("\n### ", 1);
            section = next < 0 ? section : section.substring(0, next);
            assertThat(section).contains(rule.why()).contains("Bad:").contains("Good:");
        }
    }
}
