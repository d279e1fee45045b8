package liquibase.ext.online.plan.rename;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnReferencesTest {

    @Test
    void replacesTheColumnInKeysExpressionsAndPredicates() {
        assertThat(ColumnReferences.replace("USING btree (lower(status), id) WHERE (status <> 'x'::text)",
                "status", "order_status"))
                .isEqualTo("USING btree (lower(order_status), id) WHERE (order_status <> 'x'::text)");
    }

    @Test
    void leavesStringLiteralsTypeCastsQualifiedNamesAndFunctionCallsAlone() {
        assertThat(ColumnReferences.replace("CHECK ((status <> 'status'::status) AND s.status AND status(1))",
                "status", "state"))
                .isEqualTo("CHECK ((state <> 'status'::status) AND s.status AND status(1))");
    }

    @Test
    void leavesOtherIdentifiersThatContainTheNameAlone() {
        assertThat(ColumnReferences.replace("(status_code, old_status, status2)", "status", "state"))
                .isEqualTo("(status_code, old_status, status2)");
    }

    @Test
    void matchesQuotedNamesExactly() {
        assertThat(ColumnReferences.replace("(\"Status Code\", \"status code\")", "Status Code", "\"Order State\""))
                .isEqualTo("(\"Order State\", \"status code\")");
        assertThat(ColumnReferences.replace("(\"say \"\"hi\"\"\")", "say \"hi\"", "\"bye\""))
                .isEqualTo("(\"bye\")");
    }

    @Test
    void inAForeignKeyOnlyTheChosenColumnListChanges() {
        String fk = "FOREIGN KEY (status, code) REFERENCES statuses(status, code)";

        assertThat(ColumnReferences.replaceInFirstList(fk, 0, "status", "state"))
                .isEqualTo("FOREIGN KEY (state, code) REFERENCES statuses(status, code)");
        assertThat(ColumnReferences.replaceInFirstList(fk, fk.indexOf(" REFERENCES "), "status", "state"))
                .isEqualTo("FOREIGN KEY (status, code) REFERENCES statuses(state, code)");
    }
}
