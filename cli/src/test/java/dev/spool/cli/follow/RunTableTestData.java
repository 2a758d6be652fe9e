package dev.spool.cli.follow;

/** The canned run the unit tests render. */
public final class RunTableTestData {

    public static final String RUN = RunTableTest.RUN;

    private RunTableTestData() {
    }
}
