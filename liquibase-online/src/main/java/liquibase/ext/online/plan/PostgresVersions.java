package liquibase.ext.online.plan;

/** The PostgreSQL major versions the plans depend on, each written once. */
public final class PostgresVersions {

    /** The oldest server liquibase-online runs on; validation refuses older ones. */
    public static final int MIN_MAJOR = 12;

    /** The first version whose NOT NULL constraints can be added NOT VALID and validated later. */
    public static final int NOT_NULL_NOT_VALID_SINCE = 18;

    private PostgresVersions() {
    }
}
