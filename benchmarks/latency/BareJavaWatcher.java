import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryForever;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;

/**
 * The bare Java baseline: one Curator watch on a node; on each change it re-reads the node (re-arming the watch) and
 * starts {@code sh -c COMMAND} with ProcessBuilder, the data on its stdin, straight from ZooKeeper's event thread.
 * No supervision, no logging: the least a JVM program can do. Usage: BareJavaWatcher ZKSERVERS ZNODE COMMAND
 */
public final class BareJavaWatcher {
    public static void main(String[] args) throws Exception {
        String node = args[1];
        String command = args[2];
        CuratorFramework client = CuratorFrameworkFactory.newClient(args[0], new RetryForever(500));
        client.start();
        client.blockUntilConnected();
        Watcher watcher = new Watcher() {
            @Override
            public void process(WatchedEvent event) {
                if (event.getType() != Event.EventType.NodeDataChanged) {
                    return;
                }
                try {
                    byte[] data = client.getData().usingWatcher(this).forPath(node);
                    Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
                    try (OutputStream in = p.getOutputStream()) {
                        in.write(data);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }
        };
        client.getData().usingWatcher(watcher).forPath(node);
        System.out.println("ready");
        System.out.flush();
        Thread.currentThread().join();
    }
}
