package liquibase.ext.online.change;

/**
 * A change that walks a table in batches and so takes a {@code maxReplicationLag} attribute: how far the standbys
 * may lag before the walk waits for them (default: liquibase.online.maxReplicationLag).
 */
public interface ThrottledChange {

    /** As written in the changelog, e.g. 64MB or off; null when not given. */
    String getMaxReplicationLag();
}
