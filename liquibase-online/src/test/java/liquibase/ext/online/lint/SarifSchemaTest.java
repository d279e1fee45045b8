package liquibase.ext.online.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import liquibase.ext.online.lint.report.Reports;

/** The SARIF output validates against the SARIF 2.1.0 schema (src/test/resources/sarif), and the JSON output parses. */
class SarifSchemaTest {

    @TempDir
    Path dir;

    private List<Finding> findings() throws Exception {
        String xml = Lint.xml("",
                "<createIndex tableName=\"orders\" indexName=\"i\"><column name=\"a\"/></createIndex>",
                "<comment>online-lint:accept OL013 \"unused\" since v41</comment><dropColumn tableName=\"orders\" columnName=\"a\"/>",
                "<sql>FROBNICATE</sql>");
        return Lint.run(dir, "changelog.xml", xml);
    }

    private static String write(Reports format, List<Finding> findings) {
        StringWriter out = new StringWriter();
        format.write(findings, "1.0", new PrintWriter(out));
        return out.toString();
    }

    @Test
    void sarifValidatesAgainstTheSchema() throws Exception {
        List<Finding> findings = findings();
        assertThat(findings).hasSize(3);
        JsonNode sarif = new ObjectMapper().readTree(write(Reports.SARIF, findings));

        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(sarif);

        assertThat(errors).isEmpty();
        JsonNode results = sarif.at("/runs/0/results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).at("/ruleId").asText()).isEqualTo("OL001");
        assertThat(results.get(0).at("/level").asText()).isEqualTo("error");
        assertThat(results.get(0).at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("changelog.xml");
        assertThat(results.get(0).at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(11);
        assertThat(results.get(1).at("/suppressions/0/kind").asText()).isEqualTo("inSource");
        assertThat(sarif.at("/runs/0/tool/driver/rules")).hasSize(Rule.values().length);
        assertThat(sarif.at("/runs/0/tool/driver/rules/0/helpUri").asText()).endsWith("#ol001-create-index-not-concurrently");
    }

    @Test
    void jsonParsesAndCarriesEveryField() throws Exception {
        JsonNode json = new ObjectMapper().readTree(write(Reports.JSON, findings()));

        assertThat(json.at("/findings")).hasSize(3);
        assertThat(json.at("/errors").asInt()).isEqualTo(1);
        JsonNode first = json.at("/findings/0");
        assertThat(first.at("/rule").asText()).isEqualTo("OL001");
        assertThat(first.at("/changeSet").asText()).isEqualTo("1::test");
        assertThat(first.at("/changeType").asText()).isEqualTo("createIndex");
        assertThat(first.at("/line").asInt()).isEqualTo(11);
        assertThat(json.at("/findings/1/acceptedReason").asText()).isEqualTo("\"unused\" since v41");
    }
}
