package io.twitcher.runtime.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.framework.imps.DefaultACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

/**
 * {@code poke --acl}: ZooKeeper's {@code scheme:id:perms} list (as {@code zkCli.sh setAcl} takes it), e.g.
 * {@code auth::cdrwa,world:anyone:r} for "creator all, world read". Parsed here rather than with ZooKeeper's
 * {@code AclParser}, which prints malformed entries to stderr and skips them instead of failing.
 */
final class AclOption {
    /** With credentials and no --acl: the authenticated creator may do everything, the world may read. */
    static final String CREATOR_ALL_WORLD_READ = "auth::cdrwa,world:anyone:r";

    private AclOption() {}

    /** The provider for {@code spec}, or ZooKeeper's default (world:anyone, all rights) when it is {@code null}. */
    static ACLProvider provider(String spec) {
        if (spec == null) {
            return new DefaultACLProvider();
        }
        List<ACL> acl = parse(spec);
        return new ACLProvider() {
            @Override
            public List<ACL> getDefaultAcl() {
                return acl;
            }

            @Override
            public List<ACL> getAclForPath(String path) {
                return acl;
            }
        };
    }

    /** The entries of {@code spec}; a {@link CliFailure} (usage) naming the first bad one. */
    static List<ACL> parse(String spec) {
        List<ACL> out = new ArrayList<>();
        for (String entry : spec.split(",", -1)) {
            int first = entry.indexOf(':');
            int last = entry.lastIndexOf(':');
            if (first <= 0 || last == first) {
                throw CliFailure.usage("invalid --acl entry '" + entry + "': expected scheme:id:perms, e.g."
                        + " auth::cdrwa or world:anyone:r");
            }
            String perms = entry.substring(last + 1);
            if (perms.isEmpty() || !perms.matches("[cdrwa]+")) {
                throw CliFailure.usage("invalid --acl entry '" + entry + "': perms must be letters of cdrwa"
                        + " (create, delete, read, write, admin)");
            }
            out.add(new ACL(permissions(perms), new Id(entry.substring(0, first), entry.substring(first + 1, last))));
        }
        return out;
    }

    private static int permissions(String letters) {
        int perms = 0;
        for (char c : letters.toCharArray()) {
            perms |= switch (c) {
                case 'c' -> ZooDefs.Perms.CREATE;
                case 'd' -> ZooDefs.Perms.DELETE;
                case 'r' -> ZooDefs.Perms.READ;
                case 'w' -> ZooDefs.Perms.WRITE;
                default -> ZooDefs.Perms.ADMIN;
            };
        }
        return perms;
    }
}
