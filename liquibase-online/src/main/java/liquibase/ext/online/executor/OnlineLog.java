package liquibase.ext.online.executor;

import liquibase.Scope;
import liquibase.logging.Logger;
import liquibase.ui.UIService;

/**
 * Where progress goes: the Liquibase log (INFO) and the user's console. The CLI logs nothing by default, so the
 * console is what a user watching {@code liquibase update} sees. Both are captured from the caller's scope.
 */
public final class OnlineLog {

    private final Logger log;
    private final UIService ui;

    public OnlineLog(Logger log, UIService ui) {
        this.log = log;
        this.ui = ui;
    }

    public static OnlineLog fromCurrentScope() {
        return new OnlineLog(Scope.getCurrentScope().getLog(OnlineLog.class), Scope.getCurrentScope().getUI());
    }

    public void info(String message) {
        log.info(message);
        ui.sendMessage(message);
    }

    /** Detail for the Liquibase log only (FINE): not worth a console line. */
    public void fine(String message) {
        log.fine(message);
    }

    public void warn(String message) {
        log.warning(message);
        ui.sendMessage("WARNING: " + message);
    }
}
