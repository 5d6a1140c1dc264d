package io.twitcher.runtime.cli;

import io.twitcher.api.ConfigException;
import io.twitcher.api.WatchDefinition;
import io.twitcher.runtime.logging.LogSetup;
import io.twitcher.runtime.zk.ZkClients;
import io.twitcher.runtime.zk.ZkConnectString;
import io.twitcher.runtime.zk.ZkSecurity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code twitcher poke ZNODE [DATA]}: sets a znode, creating it and its parents (and the chroot) as needed; what a
 * git hook calls. Prints nothing on success.
 */
@Command(
        name = "poke",
        mixinStandardHelpOptions = true,
        versionProvider = TwitcherCli.VersionProvider.class,
        usageHelpWidth = 100,
        description = {
            "Sets ZNODE's data on the --zkservers ensemble, creating ZNODE and its missing parents."
                    + " Prints nothing on success. Exit code 1 when ZooKeeper cannot be reached within "
                    + PokeCommand.CONNECT_SECONDS + " seconds or refuses the write."
        })
final class PokeCommand implements Callable<Integer> {
    static final int CONNECT_SECONDS = 5;

    @ParentCommand
    TwitcherCli parent;

    @Option(
            names = {"-d", "--debug"},
            description = "Log at DEBUG level, ZooKeeper and Curator included.")
    boolean debug;

    @Option(
            names = "--zkservers",
            paramLabel = "LIST",
            description = "ZooKeeper servers:"
                    + " host[:port][,host[:port]...][/chroot], port 2181 when omitted (default: "
                    + TwitcherCli.DEFAULT_ZKSERVERS + ").")
    String zkServers;

    @Parameters(index = "0", paramLabel = "ZNODE", description = "The absolute znode path, e.g. /git/head.")
    String znode;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "DATA",
            description = "The data, as UTF-8; '-' reads it from standard input; empty when omitted.")
    String data;

    @picocli.CommandLine.Mixin
    ZkSecurityOptions zkSecurityOptions = new ZkSecurityOptions();

    @picocli.CommandLine.Option(
            names = "--acl",
            paramLabel = "ACL",
            description = "The ACL of the nodes poke creates,"
                    + " as scheme:id:perms entries joined by commas, e.g. auth::cdrwa,world:anyone:r (creator all, world"
                    + " read). Default: that one with --zk_auth_file, else world:anyone with every right.")
    String acl;

    @Override
    public Integer call() {
        parent.debug |= debug; // -d after the subcommand is the same option as before it
        LogSetup.configureForCommand(parent.debug);
        if (zkServers != null) {
            parent.zkServers = zkServers; // given after the subcommand: the same option as before it
        }
        try {
            WatchDefinition.checkZnode(znode);
        } catch (ConfigException e) {
            throw CliFailure.usage("invalid ZNODE: " + e.getMessage());
        }
        ZkConnectString zk = ZkConnectString.parse(parent.zkServersFor("poke"));
        String path = zk.chroot().isEmpty() ? znode : znode.equals("/") ? zk.chroot() : zk.chroot() + znode;
        byte[] bytes = bytes();
        ZkSecurity security = zkSecurityOptions.orElse(parent.zkSecurityOptions).security();
        org.apache.curator.framework.api.ACLProvider aclProvider = AclOption.provider(
                acl != null ? acl : security.authFile() != null ? AclOption.CREATOR_ALL_WORLD_READ : null);
        // The chroot goes into the path, not the connect string: a missing chroot node is then created like any parent.
        try (CuratorFramework client = ZkClients.commandClient(
                zk.hostList(), java.time.Duration.ofSeconds(CONNECT_SECONDS), security, aclProvider)) {
            client.start();
            if (!client.blockUntilConnected(CONNECT_SECONDS, TimeUnit.SECONDS)) {
                throw CliFailure.runtime(
                        "cannot reach ZooKeeper at " + zk.hostList() + " within " + CONNECT_SECONDS + " seconds");
            }
            client.create().orSetData().creatingParentsIfNeeded().forPath(path, bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.runtime("interrupted while setting " + path);
        } catch (KeeperException e) {
            throw CliFailure.runtime("cannot set " + path + " on " + zk.hostList() + ": " + reason(e));
        } catch (CliFailure | io.twitcher.runtime.lifecycle.StartupException e) {
            throw e;
        } catch (Exception e) {
            throw CliFailure.runtime("cannot set " + path + " on " + zk.hostList() + ": " + e.getMessage());
        }
        return 0;
    }

    private byte[] bytes() {
        if (data == null) {
            return new byte[0];
        }
        if (!data.equals("-")) {
            return data.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return parent.context().in().readAllBytes();
        } catch (IOException e) {
            throw CliFailure.runtime("cannot read the data from standard input (" + e.getMessage() + ")");
        }
    }

    private static String reason(KeeperException e) {
        return switch (e.code()) {
            case NOAUTH -> "not allowed by the node's ACL (see --zk_auth_file)";
            case INVALIDACL -> "the ACL is not valid (auth:: entries need --zk_auth_file)";
            case AUTHFAILED -> "ZooKeeper refused the credentials";
            case SESSIONCLOSEDREQUIRESASLAUTH ->
                "the server requires authentication (see --zk_auth_file, or a JAAS file for SASL)";
            case NOCHILDRENFOREPHEMERALS -> "a parent is an ephemeral node, which cannot have children";
            case CONNECTIONLOSS, OPERATIONTIMEOUT, SESSIONEXPIRED -> "lost the connection to ZooKeeper";
            default -> e.code().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
