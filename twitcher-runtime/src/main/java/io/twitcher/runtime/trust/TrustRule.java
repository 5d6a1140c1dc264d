package io.twitcher.runtime.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule cron and sudo apply before they trust a file a root daemon executes: the file and every directory between
 * it and its root must be owned by root and writable by nobody else (a world-writable directory is accepted only
 * with the sticky bit, as {@code /tmp}, whose other users cannot replace root's entries). A symbolic link is judged
 * by its target: every component of the target's real path, from {@code /} down. The rule applies only when the
 * daemon runs as root; {@link #relaxed()} turns it off ({@code --allow_insecure_configs}).
 */
public final class TrustRule {
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    private final boolean enforced;

    private TrustRule(boolean enforced) {
        this.enforced = enforced;
    }

    /** The rule enforced whatever user the daemon runs as (tests, and the root case). */
    public static TrustRule enforced() {
        return new TrustRule(true);
    }

    /** No checks: what {@code --allow_insecure_configs} and a non-root daemon get. */
    public static TrustRule relaxed() {
        return new TrustRule(false);
    }

    /** Enforced when this process runs as root, unless {@code allowInsecure}. */
    public static TrustRule forThisProcess(boolean allowInsecure) {
        return !allowInsecure && ProcessUser.isRoot() ? enforced() : relaxed();
    }

    public boolean isEnforced() {
        return enforced;
    }

    /**
     * Why {@code file} under {@code root} must not be trusted, as one clause with the fix, or empty when it may be
     * (or the rule is relaxed). {@code file} may equal {@code root}; directories are judged like files.
     */
    public Optional<String> problem(Path root, Path file) {
        if (!enforced) {
            return Optional.empty();
        }
        Path top = root.toAbsolutePath().normalize();
        Path target = file.toAbsolutePath().normalize();
        List<Path> chain = new ArrayList<>();
        chain.add(top);
        if (target.startsWith(top)) {
            Path at = top;
            for (Path part : top.relativize(target)) {
                if (!part.toString().isEmpty()) {
                    at = at.resolve(part);
                    chain.add(at);
                }
            }
        } else {
            chain.add(target);
        }
        try {
            for (Path p : chain) {
                Optional<String> problem = Files.isSymbolicLink(p) ? linkProblem(p) : judge(p);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.of(e.getFile() + " does not exist");
        } catch (IOException e) {
            return Optional.of("cannot check " + e.getMessage());
        }
    }

    private static Optional<String> linkProblem(Path link) throws IOException {
        Path real = link.toRealPath();
        Path at = real.getRoot();
        Optional<String> problem = judge(at);
        for (Path part : real) {
            if (problem.isPresent()) {
                break;
            }
            at = at.resolve(part);
            problem = judge(at);
        }
        return problem.map(p -> p + " (the target of the symbolic link " + link + ")");
    }

    private static Optional<String> judge(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode,owner,isDirectory", LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) a.get("uid");
        int mode = (Integer) a.get("mode");
        if (uid != 0) {
            return Optional.of(
                    p + " is owned by " + a.get("owner") + " (uid " + uid + "), not root; fix: chown root " + p);
        }
        boolean stickyDirectory = (Boolean) a.get("isDirectory") && (mode & STICKY) != 0;
        if ((mode & GROUP_OR_OTHER_WRITE) != 0 && !stickyDirectory) {
            return Optional.of(p + " is writable by " + ((mode & 0002) != 0 ? "others" : "its group") + " (mode "
                    + String.format("%04o", mode & 07777) + "); fix: chmod go-w " + p);
        }
        return Optional.empty();
    }
}
