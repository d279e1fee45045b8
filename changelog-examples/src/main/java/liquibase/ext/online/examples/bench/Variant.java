package liquibase.ext.online.examples.bench;

/** The two ways of running a scenario's migration. */
enum Variant {
    STOCK("stock Liquibase"),
    ONLINE("liquibase-online");

    private final String label;

    Variant(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    String changelog(Scenario scenario) {
        return this == STOCK ? scenario.stockChangelog() : scenario.onlineChangelog();
    }
}
