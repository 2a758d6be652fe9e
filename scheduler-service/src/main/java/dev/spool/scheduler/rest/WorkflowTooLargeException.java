package dev.spool.scheduler.rest;

/** A submitted document over the configured size: refused before it is parsed. */
public class WorkflowTooLargeException extends RuntimeException {

    public WorkflowTooLargeException(long bytes, long limit) {
        super("the workflow document is " + bytes + " bytes, over the limit of " + limit + " bytes (spool.scheduler.max-workflow-bytes); "
                + "keep large data out of the workflow, e.g. in files the tasks read, or raise the limit");
    }
}
