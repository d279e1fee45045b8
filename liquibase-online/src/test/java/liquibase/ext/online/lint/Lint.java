package liquibase.ext.online.lint;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

/** Writes changelogs into a folder and lints one of them as the command does, without a database. */
final class Lint {

    private Lint() {
    }

    static final String XML_HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog
                    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:online="http://liquibase-online.github.io/xml/ns/online"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd
                        http://liquibase-online.github.io/xml/ns/online
                        http://liquibase-online.github.io/xml/ns/online/liquibase-online-1.0.xsd">
            """;

    /** An XML changelog of the given changesets' bodies, ids 1, 2, ...; {@code attrs} go on every changeSet. */
    static String xml(String attrs, String... changeSets) {
        StringBuilder out = new StringBuilder(XML_HEAD);
        for (int i = 0; i < changeSets.length; i++) {
            out.append("    <changeSet id=\"").append(i + 1).append("\" author=\"test\"").append(attrs).append(">\n")
                    .append(changeSets[i].indent(8)).append("    </changeSet>\n");
        }
        return out.append("</databaseChangeLog>\n").toString();
    }

    /** A YAML changelog; each changeset is a list of change lines (flow style), ids 1, 2, ... */
    static String yaml(String attrs, String... changeSets) {
        StringBuilder out = new StringBuilder("databaseChangeLog:\n");
        for (int i = 0; i < changeSets.length; i++) {
            out.append("  - changeSet:\n      id: ").append(i + 1).append("\n      author: test\n");
            if (!attrs.isEmpty()) {
                out.append(attrs.indent(6));
            }
            out.append("      changes:\n").append(changeSets[i].indent(8));
        }
        return out.toString();
    }

    static List<Finding> run(Path dir, Map<String, String> files, String root) throws Exception {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
        ResourceAccessor resources = new DirectoryResourceAccessor(dir);
        AtomicReference<List<Finding>> findings = new AtomicReference<>();
        Scope.child(Scope.Attr.resourceAccessor.name(), resources, () -> {
            DatabaseChangeLog log = ChangeLogParserFactory.getInstance().getParser(root, resources)
                    .parse(root, new ChangeLogParameters(), resources);
            findings.set(new ChangeLogLinter(resources).lint(log));
        });
        return findings.get();
    }

    static List<Finding> run(Path dir, String fileName, String content) throws Exception {
        return run(dir, Map.of(fileName, content), fileName);
    }
}
