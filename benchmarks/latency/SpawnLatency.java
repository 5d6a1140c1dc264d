import io.twitcher.runtime.process.ProcessRequest;
import io.twitcher.runtime.process.ProcessSupervisor;
import io.twitcher.runtime.process.SupervisedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The spawn path alone, without ZooKeeper: the time from asking for a child to the child's first instruction
 * ({@code date +%s%N}), for the daemon's ProcessSupervisor (native posix_spawn, or with -Dtwitcher.spawn=setsid the
 * previous path) or a bare ProcessBuilder {@code sh -c}. Prints one "<start ns> <child ns>" pair per line.
 * Usage: SpawnLatency supervisor|processbuilder COUNT WARMUP OUT
 */
public final class SpawnLatency {
    public static void main(String[] args) throws Exception {
        boolean supervised = args[0].equals("supervisor");
        int count = Integer.parseInt(args[1]);
        int warmUp = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        Path stamp = Files.createTempFile("spawn-latency", ".txt");
        StringBuilder lines = new StringBuilder();
        try (ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(1), 4)) {
            for (int i = 0; i < warmUp + count; i++) {
                Files.deleteIfExists(stamp);
                String script = "date +%s%N > " + stamp;
                Instant t0 = Instant.now();
                if (supervised) {
                    SupervisedProcess p = supervisor.start(ProcessRequest.of("spawn", List.of("/bin/sh", "-c", script))
                            .withStdin("x".getBytes()));
                    p.await();
                } else {
                    Process p = new ProcessBuilder("/bin/sh", "-c", script).start();
                    try (var in = p.getOutputStream()) {
                        in.write('x');
                    } catch (java.io.IOException e) {
                        // the child exited without reading it: the JDK closed the pipe
                    }
                    p.waitFor();
                }
                if (i >= warmUp) {
                    long child = Long.parseLong(Files.readString(stamp).trim());
                    lines.append(t0.getEpochSecond() * 1_000_000_000L + t0.getNano()).append(' ').append(child)
                            .append('\n');
                }
            }
        }
        Files.deleteIfExists(stamp);
        Files.writeString(out, lines.toString());
    }
}
