package io.twitcher.runtime.zk;

import io.twitcher.runtime.lifecycle.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.AuthInfo;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;

/**
 * How the daemon and {@code poke} prove who they are to ZooKeeper and protect the connection: {@code addauth}
 * credentials read from {@code --zk_auth_file} (never from the command line, so they never show in {@code ps}), and
 * TLS to the servers' secure client port with a key store and a trust store whose passwords are read from files.
 * SASL (DIGEST-MD5, Kerberos) needs no option: ZooKeeper's client reads the JAAS file named by
 * {@code -Djava.security.auth.login.config} (section {@code Client}).
 *
 * @param authFile               lines {@code scheme:credentials}, or {@code null}
 * @param tls                    connect with TLS (Netty client socket)
 * @param keyStore               the client's key store (PKCS12 or JKS by its suffix), or {@code null}
 * @param keyStorePasswordFile   the file holding the key store's password, or {@code null}
 * @param trustStore             the trust store with the servers' CA, or {@code null} for the JDK's
 * @param trustStorePasswordFile the file holding the trust store's password, or {@code null}
 */
public record ZkSecurity(
        Path authFile,
        boolean tls,
        Path keyStore,
        Path keyStorePasswordFile,
        Path trustStore,
        Path trustStorePasswordFile) {
    public static final ZkSecurity NONE = new ZkSecurity(null, false, null, null, null, null);

    public ZkSecurity {
        if (!tls
                && (keyStore != null
                        || keyStorePasswordFile != null
                        || trustStore != null
                        || trustStorePasswordFile != null)) {
            throw new IllegalArgumentException("the key store and trust store options need --zk_tls");
        }
    }

    /** The credentials of {@link #authFile()}, checked: the file must not be readable by group or others. */
    public List<AuthInfo> credentials() {
        if (authFile == null) {
            return List.of();
        }
        SecretFiles.requirePrivate(authFile, "ZooKeeper auth file");
        List<String> lines = SecretFiles.lines(authFile, "ZooKeeper auth file");
        List<AuthInfo> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new StartupException(
                        authFile + ":" + (i + 1) + ": expected scheme:credentials, e.g." + " digest:alice:secret");
            }
            out.add(new AuthInfo(
                    line.substring(0, colon), line.substring(colon + 1).getBytes(StandardCharsets.UTF_8)));
        }
        if (out.isEmpty()) {
            throw new StartupException("the ZooKeeper auth file " + authFile + " holds no scheme:credentials line");
        }
        return out;
    }

    /**
     * Adds the credentials and the client settings to {@code builder}: TLS ones with {@code --zk_tls}, else plain
     * ones that skip the JDK's TLS set-up ({@link PlainZkClientConfig}); {@code common} adds what every connection
     * needs to either.
     */
    public CuratorFrameworkFactory.Builder apply(
            CuratorFrameworkFactory.Builder builder, java.util.function.UnaryOperator<ZKClientConfig> common) {
        List<AuthInfo> auth = credentials();
        if (!auth.isEmpty()) {
            builder.authorization(auth);
        }
        return builder.zkClientConfig(common.apply(tls ? tlsConfig() : new PlainZkClientConfig()));
    }

    private ZKClientConfig tlsConfig() {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
        config.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty");
        try (ClientX509Util x509 = new ClientX509Util()) {
            if (keyStore != null) {
                SecretFiles.requireReadable(keyStore, "key store");
                config.setProperty(
                        x509.getSslKeystoreLocationProperty(),
                        keyStore.toAbsolutePath().toString());
            }
            if (keyStorePasswordFile != null) {
                // ZooKeeper reads the file itself (its *.passwordPath setting); we only check who may read it.
                SecretFiles.requirePrivate(keyStorePasswordFile, "key store password file");
                config.setProperty(
                        x509.getSslKeystorePasswdPathProperty(),
                        keyStorePasswordFile.toAbsolutePath().toString());
            }
            if (trustStore != null) {
                SecretFiles.requireReadable(trustStore, "trust store");
                config.setProperty(
                        x509.getSslTruststoreLocationProperty(),
                        trustStore.toAbsolutePath().toString());
            }
            if (trustStorePasswordFile != null) {
                // ZooKeeper reads the file itself (its *.passwordPath setting); we only check who may read it.
                SecretFiles.requirePrivate(trustStorePasswordFile, "trust store password file");
                config.setProperty(
                        x509.getSslTruststorePasswdPathProperty(),
                        trustStorePasswordFile.toAbsolutePath().toString());
            }
        }
        return config;
    }

    /** These settings as command-line options, for the detached daemon. */
    public List<String> args() {
        List<String> args = new ArrayList<>();
        if (authFile != null) {
            args.add("--zk_auth_file=" + authFile.toAbsolutePath());
        }
        if (tls) {
            args.add("--zk_tls");
        }
        add(args, "--zk_keystore", keyStore);
        add(args, "--zk_keystore_password_file", keyStorePasswordFile);
        add(args, "--zk_truststore", trustStore);
        add(args, "--zk_truststore_password_file", trustStorePasswordFile);
        return args;
    }

    private static void add(List<String> args, String option, Path value) {
        if (value != null) {
            args.add(option + "=" + value.toAbsolutePath());
        }
    }

    /** Never the passwords or credentials: only where they are. */
    @Override
    public String toString() {
        return "ZkSecurity[authFile=" + authFile + ", tls=" + tls + ", keyStore=" + keyStore + ", trustStore="
                + trustStore + "]";
    }

    /** Reading secrets from files: refused when others may read them, one sentence when unreadable. */
    static final class SecretFiles {
        private SecretFiles() {}

        static void requirePrivate(Path file, String what) {
            int mode;
            try {
                mode = (Integer) Files.getAttribute(file, "unix:mode");
            } catch (IOException | UnsupportedOperationException e) {
                throw new StartupException("cannot read the " + what + " " + file + " (" + reason(e) + ")");
            }
            if ((mode & 0044) != 0) {
                throw new StartupException("the " + what + " " + file + " is readable by "
                        + ((mode & 0004) != 0 ? "others" : "its group") + " (mode "
                        + String.format("%04o", mode & 07777) + "); fix: chmod 600 " + file);
            }
        }

        static void requireReadable(Path file, String what) {
            if (!Files.isReadable(file)) {
                throw new StartupException("cannot read the " + what + " " + file + " ("
                        + (Files.exists(file) ? "permission denied" : "no such file") + ")");
            }
        }

        static List<String> lines(Path file, String what) {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new StartupException("cannot read the " + what + " " + file + " (" + reason(e) + ")");
            }
        }

        private static String reason(Exception e) {
            return e instanceof java.nio.file.NoSuchFileException
                    ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException
                            ? "permission denied"
                            : String.valueOf(e.getMessage());
        }
    }
}
