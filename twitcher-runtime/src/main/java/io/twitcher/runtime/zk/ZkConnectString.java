package io.twitcher.runtime.zk;

import io.twitcher.api.ConfigException;
import io.twitcher.api.WatchDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * A ZooKeeper connect string, {@code host[:port][,host[:port]...][/chroot]}, checked before a client is built: the
 * ZooKeeper client accepts nonsense and then retries it forever. IPv6 addresses go in brackets ({@code [::1]:2181}).
 *
 * @param hosts  {@code host:port} entries, each with its port
 * @param chroot the chroot path, or {@code ""} for none
 */
public record ZkConnectString(List<String> hosts, String chroot) {
    /** The port used when an entry has none. */
    public static final int DEFAULT_PORT = 2181;

    public ZkConnectString {
        hosts = List.copyOf(hosts);
    }

    /**
     * Parses and checks {@code text}.
     *
     * @throws IllegalArgumentException with a one-sentence reason naming the bad part
     */
    public static ZkConnectString parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the ZooKeeper server list is empty");
        }
        String value = text.trim();
        int slash = value.indexOf('/');
        String hostPart = slash < 0 ? value : value.substring(0, slash);
        String chroot = slash < 0 ? "" : value.substring(slash);
        if (chroot.equals("/")) {
            chroot = "";
        } else if (!chroot.isEmpty()) {
            try {
                WatchDefinition.checkZnode(chroot);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(
                        "bad chroot in '" + value + "': " + e.getMessage().replace("znode ", "the chroot "));
            }
        }
        if (hostPart.isEmpty()) {
            throw new IllegalArgumentException("'" + value + "' names no ZooKeeper server before the chroot");
        }
        List<String> hosts = new ArrayList<>();
        for (String entry : hostPart.split(",", -1)) {
            hosts.add(checkEntry(value, entry.trim()));
        }
        return new ZkConnectString(hosts, chroot);
    }

    /** Checks {@code text} and returns it normalised: every port explicit, no blanks. */
    public static String validate(String text) {
        return parse(text).toString();
    }

    /** The hosts alone, without the chroot. */
    public String hostList() {
        return String.join(",", hosts);
    }

    @Override
    public String toString() {
        return hostList() + chroot;
    }

    private static String checkEntry(String whole, String entry) {
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("'" + whole + "' has an empty server entry (a stray comma)");
        }
        String host;
        String port;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(
                        "'" + entry + "' opens an IPv6 address with '[' but never closes it");
            }
            host = entry.substring(0, close + 1);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException(
                        "'" + entry + "' has text after the IPv6 address that is not ':port'");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
            if (host.length() < 3 || !host.substring(1, host.length() - 1).matches("[0-9A-Fa-f:.%a-zA-Z]+")) {
                throw new IllegalArgumentException("'" + entry + "' is not a valid IPv6 address");
            }
        } else {
            int colon = entry.indexOf(':');
            if (colon >= 0 && entry.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException(
                        "'" + entry + "' has more than one ':' (write IPv6 addresses in" + " brackets, as [::1]:2181)");
            }
            host = colon < 0 ? entry : entry.substring(0, colon);
            port = colon < 0 ? null : entry.substring(colon + 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("'" + entry + "' has no host name before the ':'");
            }
            if (!host.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("'" + host + "' is not a valid host name");
            }
        }
        return host + ":" + checkPort(entry, port);
    }

    private static int checkPort(String entry, String port) {
        if (port == null) {
            return DEFAULT_PORT;
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(
                    "'" + entry + "' has port '" + port + "', which is not a number from 1 to 65535");
        }
        return Integer.parseInt(port);
    }
}
