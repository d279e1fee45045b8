package liquibase.ext.online.plan;

/**
 * One small unit of an online change. Steps are plain data: the executor runs them, the renderer prints them.
 */
public sealed interface Step permits SqlStep, BackfillStep {

    /** One line for logs and for the comment above the step in update-sql output. */
    String description();

    LockLevel lock();

    RetryPolicy retry();
}
