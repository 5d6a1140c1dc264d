package io.twitcher.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.FleetControls;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** How the daemon's classes are compiled, for its start-up (docs/benchmarks.md). */
class ClassFilesTest {
    /**
     * picocli is compiled with the daemon from its source (twitcher-runtime/pom.xml), so that its classes are Java 17
     * class files, which the launcher's class-data archive can hold: the released jar's are Java 5 class files, which a
     * JDK 17 dynamic archive refuses, and parsing them cost every start 30-40 ms.
     */
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

    /**
     * String concatenation is compiled to StringBuilder calls (-XDstringConcat=inline in the root pom), not to
     * invokedynamic call sites, each of which is linked the first time it runs: start-up runs hundreds of them once.
     */
    @ParameterizedTest
    @ValueSource(classes = {TwitcherCli.class, CommandLine.class, FleetControls.class})
    void stringConcatenationHasNoInvokedynamicCallSites(Class<?> type) throws IOException {
        String name = type.getSimpleName() + ".class";
        try (InputStream in = type.getResourceAsStream(name)) {
            assertNotNull(in, name);
            String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(bytes.contains("java/lang/StringBuilder"), name + " builds strings");
            assertFalse(bytes.contains("makeConcatWithConstants"), name + " has invokedynamic string concatenation");
        }
    }
}
