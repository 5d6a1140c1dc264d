package io.twitcher.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A child process the harness started, with what /proc says about it; {@link #close()} kills it and its children. */
final class Proc implements AutoCloseable {
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    final Process process;
    final Path log;
    final long launchedAtNanos; // wall clock, ns since the epoch

    private Proc(Process process, Path log, long launchedAtNanos) {
        this.process = process;
        this.log = log;
        this.launchedAtNanos = launchedAtNanos;
    }

    static Proc start(List<String> command, Path log, java.util.Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        long at = nowNanos();
        return new Proc(pb.start(), log, at);
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory in KiB. */
    long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid());
    }

    /** CPU time used so far (user and system, this process only), in ms. */
    long cpuMillis() throws IOException {
        return cpuMillis(pid());
    }

    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime, stime in 100 Hz ticks
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The time stamp (epoch ms) of the first log line containing {@code text}, if any. */
    Optional<Long> logTime(String text) throws IOException {
        for (String line : Files.readAllLines(log)) {
            if (line.contains(text) && line.length() > 23) {
                try {
                    return Optional.of(LocalDateTime.parse(line.substring(0, 23), LOG_TIME)
                            .atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
                } catch (java.time.format.DateTimeParseException e) {
                    // not a log line
                }
            }
        }
        return Optional.empty();
    }

    /** Lines of the log containing {@code text}. */
    List<String> logLines(String text) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains(text)).toList();
    }

    /** Waits until {@code condition} holds, polling; fails with the log's tail if it does not within {@code limit}. */
    void await(String what, Duration limit, BooleanSupplier condition) throws Exception {
        waitFor(what, limit, condition, this);
    }

    static void waitFor(String what, Duration limit, BooleanSupplier condition, Proc context) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String tail = "";
                if (context != null) {
                    List<String> lines = context.logText().lines().toList();
                    tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
                }
                throw new IllegalStateException("benchmark: timed out waiting for " + what + "\n" + tail);
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /** Runs {@code jcmd PID GC.class_histogram} (a full GC first) and returns the live heap in bytes. */
    long liveHeapBytes() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()), "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        for (String line : out.lines().toList()) {
            if (line.startsWith("Total")) {
                String[] f = line.trim().split("\\s+");
                return Long.parseLong(f[2]);
            }
        }
        throw new IllegalStateException("jcmd gave no histogram: " + out);
    }

    void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start().waitFor();
    }

    @Override
    public void close() throws Exception {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
