package io.twitcher.examples.marker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends {@code <znode> <version> <data>} lines to a file; line breaks in the data are written as {@code \n}. */
final class MarkerLines {
    private MarkerLines() {}

    static void append(Path file, String znode, int version, byte[] data) throws IOException {
        String text =
                new String(data, StandardCharsets.UTF_8).replace("\\", "\\\\").replace("\n", "\\n");
        byte[] line = (znode + " " + version + " " + text + "\n").getBytes(StandardCharsets.UTF_8);
        // One write to a file opened for appending: concurrent runs never interleave within a line.
        Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
