package dev.st4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from Linux's {@code /proc/self/status}. */
final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** Peak resident set size (VmHWM) in bytes, or -1 where /proc is unavailable. */
    static long peakResidentBytes() {
        return field("VmHWM:");
    }

    /** Current resident set size (VmRSS) in bytes, or -1 where /proc is unavailable. */
    static long residentBytes() {
        return field("VmRSS:");
    }

    static String format(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.0f MiB", bytes / (1024.0 * 1024.0));
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    // "VmHWM:    123456 kB"
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
