package liquibase.ext.online.lint.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import liquibase.ext.online.lint.Finding;
import liquibase.ext.online.lint.Rule;

/** The three output formats of {@code online-lint}: text (default), json and sarif (SARIF 2.1.0). */
public enum Reports {
    TEXT, JSON, SARIF;

    public static Reports named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name + "': use text, json or sarif", e);
        }
    }

    public void write(List<Finding> findings, String version, PrintWriter out) {
        switch (this) {
            case TEXT -> text(findings, out);
            case JSON -> json(findings, out);
            case SARIF -> sarif(findings, version, out);
            default -> throw new IllegalStateException(name());
        }
        out.flush();
    }

    private static void text(List<Finding> findings, PrintWriter out) {
        long failing = findings.stream().filter(Finding::failing).count();
        long accepted = findings.stream().filter(Finding::accepted).count();
        for (Finding f : findings) {
            out.printf("%s:%d: %s %s %s [%s] in changeset %s (%s)%n", f.file(), f.line(),
                    f.accepted() ? "accepted" : f.rule().level().toString(), f.rule().id(), f.rule().slug(),
                    f.message(), f.changeSet(), f.changeType());
            if (f.accepted()) {
                out.printf("    accepted: %s%n", f.acceptedReason());
            } else {
                out.printf("    why: %s%n", f.rule().why());
                out.printf("    instead: %s%n", f.rule().fix());
            }
        }
        out.printf("online-lint: %d finding(s), %d error(s) not accepted, %d accepted%n", findings.size(), failing,
                accepted);
    }

    private static void json(List<Finding> findings, PrintWriter out) {
        out.println("{");
        out.println("  \"findings\": [");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            out.print("    {\"file\": " + Json.string(f.file()) + ", \"line\": " + f.line()
                    + ", \"changeSet\": " + Json.string(f.changeSet())
                    + ", \"id\": " + Json.string(f.changeSetId()) + ", \"author\": " + Json.string(f.author())
                    + ", \"changeType\": " + Json.string(f.changeType()) + ", \"rule\": " + Json.string(f.rule().id())
                    + ", \"name\": " + Json.string(f.rule().slug()) + ", \"level\": "
                    + Json.string(f.rule().level().toString()) + ", \"message\": " + Json.string(f.message())
                    + ", \"why\": " + Json.string(f.rule().why()) + ", \"instead\": " + Json.string(f.rule().fix())
                    + ", \"accepted\": " + f.accepted() + ", \"acceptedReason\": " + Json.string(f.acceptedReason())
                    + "}");
            out.println(i + 1 < findings.size() ? "," : "");
        }
        out.println("  ],");
        out.println("  \"errors\": " + findings.stream().filter(Finding::failing).count());
        out.println("}");
    }

    private static void sarif(List<Finding> findings, String version, PrintWriter out) {
        out.println("{");
        out.println("  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",");
        out.println("  \"version\": \"2.1.0\",");
        out.println("  \"runs\": [{");
        out.println("    \"tool\": {\"driver\": {");
        out.println("      \"name\": \"liquibase-online online-lint\",");
        out.println("      \"version\": " + Json.string(version) + ",");
        out.println("      \"informationUri\": \"https://github.com/liquibase-online/liquibase-online/blob/main/docs/online-lint.md\",");
        out.println("      \"rules\": [");
        Rule[] rules = Rule.values();
        for (int i = 0; i < rules.length; i++) {
            Rule r = rules[i];
            out.print("        {\"id\": " + Json.string(r.id()) + ", \"name\": " + Json.string(camel(r.slug()))
                    + ", \"shortDescription\": {\"text\": " + Json.string(r.title()) + "}"
                    + ", \"fullDescription\": {\"text\": " + Json.string(r.why()) + "}"
                    + ", \"help\": {\"text\": " + Json.string("Instead: " + r.fix()) + "}"
                    + ", \"helpUri\": " + Json.string(r.helpUri())
                    + ", \"defaultConfiguration\": {\"level\": " + Json.string(r.level().sarif()) + "}}");
            out.println(i + 1 < rules.length ? "," : "");
        }
        out.println("      ]");
        out.println("    }},");
        out.println("    \"results\": [");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            StringBuilder result = new StringBuilder();
            result.append("      {\"ruleId\": ").append(Json.string(f.rule().id()))
                    .append(", \"ruleIndex\": ").append(f.rule().ordinal())
                    .append(", \"level\": ").append(Json.string(f.rule().level().sarif()))
                    .append(", \"message\": {\"text\": ").append(Json.string(f.message() + " in changeset "
                            + f.changeSet() + ". " + f.rule().why() + " Instead: " + f.rule().fix())).append("}")
                    .append(", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ")
                    .append(Json.string(f.file())).append("}");
            if (f.line() > 0) {
                result.append(", \"region\": {\"startLine\": ").append(f.line()).append("}");
            }
            result.append("}}]");
            result.append(", \"partialFingerprints\": {\"changeSet/v1\": ").append(Json.string(f.file() + "::"
                    + f.changeSet() + "::" + f.rule().id())).append("}");
            if (f.accepted()) {
                result.append(", \"suppressions\": [{\"kind\": \"inSource\", \"justification\": ")
                        .append(Json.string(f.acceptedReason())).append("}]");
            }
            result.append("}");
            out.print(result);
            out.println(i + 1 < findings.size() ? "," : "");
        }
        out.println("    ]");
        out.println("  }]");
        out.println("}");
    }

    private static String camel(String slug) {
        StringBuilder out = new StringBuilder();
        boolean up = true;
        for (char c : slug.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }
}
