package liquibase.ext.online.lock;

import java.time.OffsetDateTime;

/** The PostgreSQL session that holds the advisory lock, as pg_stat_activity shows it to us. */
record LockHolder(int pid, String clientAddress, String application, OffsetDateTime backendStart) {

    String describe() {
        return "backend pid " + pid + " (client " + (clientAddress == null ? "local or hidden" : clientAddress)
                + ", application '" + application + "', connected since " + backendStart + ")";
    }
}
