package liquibase.ext.online.plan;

/** The PostgreSQL major versions the plans depend on, each written once. */
public final class PostgresVersions {

    /** The oldest server liquibase-online runs on; validation refuses older ones. */
    public static final int MIN_MAJOR = 12;

    /** The first version whose NOT NULL constraints can be added NOT VALID and validated later. */
    public static final int NOT_NULL_NOT_VALID_SINCE = 18;

    /** The first version with BEFORE ... FOR EACH ROW triggers on partitioned tables. */
    public static final int ROW_TRIGGERS_ON_PARTITIONED_SINCE = 13;

    /** The first version that adds a NOT VALID foreign key to a partitioned table. */
    public static final int NOT_VALID_FOREIGN_KEY_ON_PARTITIONED_SINCE = 18;

    /** The first version that scans a ctid range by itself (TID Range Scan); before it, every range reads the table. */
    public static final int TID_RANGE_SCAN_SINCE = 14;

    private PostgresVersions() {
    }
}
