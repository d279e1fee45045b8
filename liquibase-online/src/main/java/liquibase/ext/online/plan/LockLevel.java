package liquibase.ext.online.plan;

/**
 * The strongest table-level lock a step takes, in PostgreSQL's own words, and whether it stops the application.
 */
public enum LockLevel {
    NONE("no table lock", false, false),
    ROW_EXCLUSIVE("ROW EXCLUSIVE (row locks on one batch at a time)", false, false),
    SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE", false, false),
    SHARE("SHARE", false, true),
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", false, true),
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", true, true);

    private final String label;
    private final boolean blocksReads;
    private final boolean blocksWrites;

    LockLevel(String label, boolean blocksReads, boolean blocksWrites) {
        this.label = label;
        this.blocksReads = blocksReads;
        this.blocksWrites = blocksWrites;
    }

    public String label() {
        return label;
    }

    /** A lock the application would queue behind; such a step must be short and guarded by lock_timeout. */
    public boolean blocksApplication() {
        return blocksReads || blocksWrites;
    }
}
