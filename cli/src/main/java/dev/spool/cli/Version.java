package dev.spool.cli;

import picocli.CommandLine;

/** The version in the jar's manifest, as {@code spool --version} prints it. */
public final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = SpoolCli.class.getPackage().getImplementationVersion();
        return new String[]{"spool " + (version == null ? "development build" : version)};
    }
}
