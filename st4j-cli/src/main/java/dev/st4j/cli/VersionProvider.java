package dev.st4j.cli;

import dev.st4j.io.Versions;
import picocli.CommandLine;

/** Prints st4j's version and the versions of the native libraries it was built with. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"st4j " + Versions.ST4J, Versions.libraries().toString()};
    }
}
