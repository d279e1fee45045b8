package liquibase.ext.online.message;

import liquibase.exception.DatabaseException;

/** A change stopped on purpose: the database is not as the plan needs it, or a lock could not be had in time. */
public class OnlineChangeException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    public OnlineChangeException(String message) {
        super(message);
    }

    public OnlineChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
