package io.twitcher.runtime.testing;

import java.security.Permission;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Refuses the test JVM's exit when ZooKeeper's embedded server asks for it. A server restarted on a port that is not
 * free yet fails to bind, and ZooKeeper then calls {@code System.exit(2)} from its own thread: that ended whole
 * {@code mvn verify} runs (the fault suite's short profile in a clean-clone CI run, 2026-11-30) and long fault runs.
 * {@code ServiceUtils.setSystemExitProcedure(LOG_ONLY)} does not hold: ZooKeeper sets the procedure again for every
 * server it creates. With the exit refused, the server's start fails, and the test starts it again.
 *
 * <p>Only exits asked for through ZooKeeper's {@code ServiceUtils} are refused; every other permission is granted.
 * Java 17 allows a security manager to be installed at run time (with a warning); on a Java that does not, this does
 * nothing.
 */
public final class ZooKeeperExitGuard extends SecurityManager {
    private ZooKeeperExitGuard() {}

    /**
     * Installs the guard for one test class ({@code @ExtendWith(ZooKeeperExitGuard.ForClass.class)}) and removes it
     * afterwards: the other tests run without a security manager, as the daemon does.
     */
    public static final class ForClass implements BeforeAllCallback, AfterAllCallback {
        @Override
        @SuppressWarnings("removal")
        public void beforeAll(ExtensionContext context) {
            try {
                System.setSecurityManager(new ZooKeeperExitGuard());
            } catch (UnsupportedOperationException notAllowed) {
                // Java 18 or newer without -Djava.security.manager=allow
            }
        }

        @Override
        @SuppressWarnings("removal")
        public void afterAll(ExtensionContext context) {
            if (System.getSecurityManager() instanceof ZooKeeperExitGuard) {
                System.setSecurityManager(null);
            }
        }
    }

    @Override
    public void checkExit(int status) {
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            if (frame.getClassName().equals("org.apache.zookeeper.util.ServiceUtils")) {
                throw new SecurityException("ZooKeeper asked to exit the test JVM with status " + status + "; refused");
            }
        }
    }

    @Override
    public void checkPermission(Permission permission) {
        // everything else is allowed
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        // everything else is allowed
    }
}
