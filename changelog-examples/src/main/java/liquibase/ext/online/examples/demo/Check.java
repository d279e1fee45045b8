package liquibase.ext.online.examples.demo;

/** One yes/no statement the demo's report makes about the migration. */
public record Check(String name, boolean passed, String detail) {
}
