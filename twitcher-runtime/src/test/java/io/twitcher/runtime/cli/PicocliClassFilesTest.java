package io.twitcher.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * picocli is compiled with the daemon from its source (twitcher-runtime/pom.xml), so that its classes are Java 17
 * class files, which the launcher's class-data archive can hold: the released jar's are Java 5 class files, which a
 * JDK 17 dynamic archive refuses, and parsing them cost every start 30-40 ms.
 */
class PicocliClassFilesTest {
    @Test
    void picocliComesWithTheDaemonAsJava17ClassFiles() throws IOException {
        assertEquals(
                TwitcherCli.class.getProtectionDomain().getCodeSource().getLocation(),
                CommandLine.class.getProtectionDomain().getCodeSource().getLocation(),
                "picocli is loaded from the daemon's own classes, not from a jar of its own");
        try (InputStream in = CommandLine.class.getResourceAsStream("CommandLine.class")) {
            assertNotNull(in);
            DataInputStream data = new DataInputStream(in);
            assertEquals(0xCAFEBABE, data.readInt());
            data.readUnsignedShort(); // minor version
            assertEquals(61, data.readUnsignedShort(), "class file major version of picocli.CommandLine");
        }
    }
}
