package io.sigload.cli;

import io.sigload.sign.LibraryVersions;
import picocli.CommandLine;

/** sigload's version (the pom's, filled in at build time) and the Java runtime it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"sigload " + LibraryVersions.of("sigload"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
