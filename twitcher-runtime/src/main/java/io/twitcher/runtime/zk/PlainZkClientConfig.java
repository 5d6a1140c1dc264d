package io.twitcher.runtime.zk;

import java.util.List;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * ZooKeeper's client configuration without the TLS set-up when TLS is not asked for. {@link ZKClientConfig}'s
 * constructor builds two X509Utils to copy TLS system properties, which initialises the JDK's default SSLContext:
 * ~200 ms of CPU on the path to the first action (and a few MiB of classes) that a plain connection never uses.
 * With any {@code zookeeper.ssl*} or {@code zookeeper.client.secure} system property set, it is ZooKeeper's own
 * configuration, unchanged.
 */
final class PlainZkClientConfig extends ZKClientConfig {
    /** The system properties ZooKeeper 3.9's client configuration copies besides the TLS ones. */
    static final List<String> COPIED = List.of("jute.maxbuffer", "zookeeper.kinit", "sun.security.jgss.native",
            "zookeeper.sasl.client.username", "zookeeper.sasl.client.canonicalize.hostname",
            "zookeeper.sasl.clientconfig", "zookeeper.sasl.client", "zookeeper.server.realm",
            "zookeeper.disableAutoWatchReset", "zookeeper.clientCnxnSocket", "zookeeper.client.secure");

    /** Called by the superclass constructor: no fields of this class may be used here. */
    @Override
    protected void handleBackwardCompatibility() {
        if (tlsRequested()) {
            super.handleBackwardCompatibility();
            return;
        }
        for (String key : COPIED) {
            String value = System.getProperty(key);
            if (value != null) {
                setProperty(key, value);
            }
        }
    }

    static boolean tlsRequested() {
        return System.getProperties().stringPropertyNames().stream()
                .anyMatch(k -> k.startsWith("zookeeper.ssl") || k.equals("zookeeper.client.secure"));
    }
}
