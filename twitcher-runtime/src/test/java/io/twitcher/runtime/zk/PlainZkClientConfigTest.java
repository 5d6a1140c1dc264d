package io.twitcher.runtime.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client configuration skips ZooKeeper's TLS set-up (in a fresh JVM: no SSLContext initialised; the X509Util
 * class itself is loaded by the verifier, which is cheap) and keeps the rest.
 */
class PlainZkClientConfigTest {
    /** Run in a child JVM: builds the configuration named by args[0]. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Object config = args[0].equals("plain") ? new PlainZkClientConfig()
                    : new org.apache.zookeeper.client.ZKClientConfig();
            System.out.println("built " + config.getClass().getSimpleName());
        }
    }

    private static String classesLoadedBuilding(String which) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), Probe.class.getName(), which)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void aPlainConnectionDoesNotSetUpTls() throws Exception {
        String plain = classesLoadedBuilding("plain");
        assertTrue(plain.contains("built PlainZkClientConfig"), plain);
        assertFalse(plain.contains("sun.security.ssl.SSLContextImpl "), "the JDK's SSLContext was set up");
        // ZooKeeper's own configuration does set it up: what the class saves.
        assertTrue(classesLoadedBuilding("zookeeper").contains("sun.security.ssl.SSLContextImpl "));
    }

    @Test
    void copiesTheClientSystemPropertiesZooKeeperCopies() {
        String before = System.getProperty("jute.maxbuffer");
        System.setProperty("jute.maxbuffer", "123456");
        try {
            assertEquals("123456", new PlainZkClientConfig().getProperty("jute.maxbuffer"));
        } finally {
            if (before == null) {
                System.clearProperty("jute.maxbuffer");
            } else {
                System.setProperty("jute.maxbuffer", before);
            }
        }
    }

    @Test
    void leavesTheConfigurationToZooKeeperWhenTlsIsAskedFor() {
        System.setProperty("zookeeper.client.secure", "true");
        try {
            assertTrue(PlainZkClientConfig.tlsRequested());
            assertEquals("true", new PlainZkClientConfig().getProperty("zookeeper.client.secure"));
        } finally {
            System.clearProperty("zookeeper.client.secure");
        }
        assertFalse(PlainZkClientConfig.tlsRequested());
        assertTrue(PlainZkClientConfig.COPIED.containsAll(List.of("zookeeper.clientCnxnSocket", "zookeeper.sasl.client")));
    }
}
