package liquibase.ext.online.examples.demo;

import java.util.List;

import liquibase.ext.online.examples.app.AppV1;
import liquibase.ext.online.examples.app.AppVersion;
import liquibase.ext.online.examples.app.StatusWritingApp;

/**
 * One release of the demo: the application version every instance runs by then, and the changesets (by label)
 * that `liquibase update` applies while it runs. The order is the deployment order the docs describe: the
 * tolerant version ships before the change that needs it, the strict one after.
 */
record Release(String label, AppVersion app) {

    static final List<Release> ALL = List.of(
            new Release("release-1", new AppV1()),
            new Release("release-2", StatusWritingApp.v2()),
            new Release("release-3", StatusWritingApp.v3()));
}
