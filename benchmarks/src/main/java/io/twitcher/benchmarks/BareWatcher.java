package io.twitcher.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;

/**
 * The Java baseline: the least a JVM program needs to do Twitcher's job for one watch. Curator, one data watch,
 * {@code sh -c COMMAND} through ProcessBuilder with the node's data on stdin, once on start and on every change.
 * No plugins, no config files, no logging set-up.
 *
 * <p>usage: {@code BareWatcher CONNECT_STRING ZNODE COMMAND}
 */
public final class BareWatcher implements Watcher {
    private final CuratorFramework client;
    private final String znode;
    private final String command;
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    private BareWatcher(CuratorFramework client, String znode, String command) {
        this.client = client;
        this.znode = znode;
        this.command = command;
    }

    public static void main(String[] args) throws Exception {
        CuratorFramework client = CuratorFrameworkFactory.newClient(args[0], 10_000, 5_000,
                new ExponentialBackoffRetry(100, 3, 1000));
        client.start();
        BareWatcher watcher = new BareWatcher(client, args[1], args[2]);
        watcher.reader.execute(watcher::readAndRun);
        Thread.currentThread().join(); // until killed
    }

    @Override
    public void process(WatchedEvent event) {
        if (event.getType() != Event.EventType.None) {
            reader.execute(this::readAndRun);
        }
    }

    private void readAndRun() {
        try {
            byte[] data = client.getData().usingWatcher(this).forPath(znode);
            Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(data == null ? new byte[0] : data);
            } catch (IOException e) {
                // the child did not read its input
            }
            p.onExit(); // reaped by the JDK's process reaper
        } catch (Exception e) {
            System.err.println("bare watcher: " + e);
        }
    }
}
