package io.twitcher.dist;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built distribution's {@code bin/twitcher} as a real child process, the way a user or an init system does.
 * {@link #run} runs a command to completion and keeps stdout and stderr apart; {@link #start} starts a long-running
 * daemon whose combined output is collected as it comes, for {@link #awaitOutput}, and {@link #stop} sends it SIGTERM.
 * The host's {@code /etc/default/twitcher} is never read: {@code TWITCHER_DEFAULTS} points elsewhere unless a test
 * sets it; nor is its class-data archive directory ({@code TWITCHER_CDS_DIR} is empty unless a test sets it).
 */
final class Launcher implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private Launcher(Process process) {
        this.process = process;
        this.reader = new Thread(this::collect, "launcher-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** The installation tree, {@code dist/target/twitcher}. */
    static Path home() {
        return Path.of(System.getProperty("twitcher.dist.dir", "target/twitcher"))
                .toAbsolutePath();
    }

    /** The launcher script. */
    static Path script() {
        return home().resolve("bin/twitcher");
    }

    /** A finished command's exit code and output. */
    record Result(int code, String out, String err) {}

    /** Runs {@code bin/twitcher args} to completion (at most {@code timeout}). */
    static Result run(Duration timeout, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return runCommand(timeout, env, command(script().toString(), args));
    }

    /** Runs any command with the launcher's environment to completion. */
    static Result runCommand(Duration timeout, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("twitcher-out", ".txt");
        Path err = Files.createTempFile("twitcher-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            environment(builder, env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout + "; stdout: "
                        + Files.readString(out) + " stderr: " + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts {@code bin/twitcher args} in the background, stdout and stderr together. */
    static Launcher start(Map<String, String> env, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(script().toString(), args))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        environment(builder, env);
        return new Launcher(builder.start());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process printed so far. */
    String output() {
        return output.toString();
    }

    /** Waits until the output contains {@code text}; fails with the output when it does not come in time. */
    void awaitOutput(String text, Duration timeout) {
        await().atMost(timeout)
                .alias("output containing '" + text + "', got:\n" + output)
                .until(() -> output.indexOf(text) >= 0);
    }

    /** Waits until the process has exited, returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "; output:\n" + output);
        }
        return process.exitValue();
    }

    /** SIGTERM, then waits for the exit (the daemon's orderly stop); returns the exit code. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void collect() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            output.append("\n[output read failed: ").append(e).append("]\n");
        }
    }

    private static List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(List.of(args));
        return command;
    }

    private static void environment(ProcessBuilder builder, Map<String, String> env) {
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("TWITCHER_DEFAULTS", "/nonexistent/twitcher-defaults");
        environment.remove("JAVA_OPTS");
        environment.remove("ZKSERVERS");
        environment.put("TWITCHER_CDS_DIR", ""); // never the host's /var/cache/twitcher unless a test says so
        Map<String, String> copy = new HashMap<>(env);
        copy.forEach((key, value) -> {
            if (value == null) {
                environment.remove(key);
            } else {
                environment.put(key, value);
            }
        });
    }
}
