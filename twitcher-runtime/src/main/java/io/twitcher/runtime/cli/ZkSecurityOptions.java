package io.twitcher.runtime.cli;

import io.twitcher.runtime.zk.ZkSecurity;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The ZooKeeper credential and TLS options, mixed into the daemon's command line and {@code poke}'s (where they may
 * also follow the subcommand). Passwords and credentials are only ever named by file, never given on the command line.
 */
final class ZkSecurityOptions {
    @Option(
            names = {"--zk_auth_file", "--zk-auth-file"},
            paramLabel = "PATH",
            description = "ZooKeeper credentials,"
                    + " one scheme:credentials line each (e.g. digest:alice:secret), sent with addauth; refused when readable"
                    + " by group or others.")
    Path authFile;

    @Option(
            names = {"--zk_tls", "--zk-tls"},
            description = "Connect to ZooKeeper's secure client port with TLS.")
    boolean tls;

    @Option(
            names = {"--zk_keystore", "--zk-keystore"},
            paramLabel = "PATH",
            description = "With --zk_tls: the"
                    + " client's key store (.p12 or .jks), for servers that require a client certificate.")
    Path keyStore;

    @Option(
            names = {"--zk_keystore_password_file", "--zk-keystore-password-file"},
            paramLabel = "PATH",
            description = "With --zk_tls: the file holding the key store's password (mode 0600).")
    Path keyStorePasswordFile;

    @Option(
            names = {"--zk_truststore", "--zk-truststore"},
            paramLabel = "PATH",
            description = "With --zk_tls: the"
                    + " trust store holding the CA of the servers' certificates (default: the JDK's).")
    Path trustStore;

    @Option(
            names = {"--zk_truststore_password_file", "--zk-truststore-password-file"},
            paramLabel = "PATH",
            description = "With --zk_tls: the file holding the trust store's password (mode 0600).")
    Path trustStorePasswordFile;

    /** These options, each taken from {@code before} (given before the subcommand) when not given here. */
    ZkSecurityOptions orElse(ZkSecurityOptions before) {
        ZkSecurityOptions out = new ZkSecurityOptions();
        out.authFile = authFile != null ? authFile : before.authFile;
        out.tls = tls || before.tls;
        out.keyStore = keyStore != null ? keyStore : before.keyStore;
        out.keyStorePasswordFile = keyStorePasswordFile != null ? keyStorePasswordFile : before.keyStorePasswordFile;
        out.trustStore = trustStore != null ? trustStore : before.trustStore;
        out.trustStorePasswordFile =
                trustStorePasswordFile != null ? trustStorePasswordFile : before.trustStorePasswordFile;
        return out;
    }

    /** The settings, checked for consistency (the files are read when the client is built). */
    ZkSecurity security() {
        try {
            return new ZkSecurity(authFile, tls, keyStore, keyStorePasswordFile, trustStore, trustStorePasswordFile);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage(e.getMessage());
        }
    }
}
