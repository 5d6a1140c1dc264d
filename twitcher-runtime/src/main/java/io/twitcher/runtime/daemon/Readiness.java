package io.twitcher.runtime.daemon;

import io.twitcher.runtime.status.DaemonStatus;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces the daemon ready only when it is: connected to ZooKeeper and every config file loaded or rejected (a
 * rejected file waits for an operator's edit, not for time: it is named in the ready line and in {@code STATUS=}).
 * Until then it logs what it waits for; then {@code Daemon ready} and, under systemd, {@code READY=1}. After that, every change is a
 * {@code STATUS=} line for systemd (and a reload's end is {@code READY=1} again, which ends {@code RELOADING=1}).
 */
final class Readiness {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonRunner.class);

    private final SystemdNotify systemd;
    private DaemonStatus status;
    private boolean ready;
    private List<String> lastProblems = List.of();

    Readiness(SystemdNotify systemd) {
        this.systemd = systemd;
    }

    /** Starts announcing for {@code daemon} ({@code null}: ready now). */
    void watch(DaemonStatus daemon) {
        if (daemon == null) {
            LOG.info("Daemon ready (pid {})", ProcessHandle.current().pid());
            systemd.send("READY=1");
            return;
        }
        synchronized (this) {
            status = daemon;
        }
        daemon.onChange(this::changed);
        changed();
    }

    private synchronized void changed() {
        List<String> problems = status.startupProblems();
        List<String> health = status.problems();
        String summary = status.watchStates().size() + " watch(es)" + (health.isEmpty() ? ""
                : "; " + String.join("; ", health));
        if (problems.isEmpty()) {
            if (!ready) {
                ready = true;
                if (health.isEmpty()) {
                    LOG.info("Daemon ready (pid {})", ProcessHandle.current().pid());
                } else {
                    LOG.warn("Daemon ready (pid {}), but: {}", ProcessHandle.current().pid(), String.join("; ", health));
                }
            }
            systemd.send("READY=1\nSTATUS=" + summary);
        } else {
            if (!ready && !problems.equals(lastProblems)) {
                LOG.info("Daemon not ready yet, waiting for: {}", String.join("; ", problems));
            }
            systemd.send("STATUS=" + summary);
        }
        lastProblems = problems;
    }
}
