package io.twitcher.runtime.daemon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns {@link DaemonSettings} back into the command line that runs them in the foreground, paths made absolute. */
final class ForegroundArgs {
    private ForegroundArgs() {}

    static List<String> of(DaemonSettings s) {
        List<String> args = new ArrayList<>();
        if (s.log().debug()) {
            args.add("--debug");
        }
        if (s.log().verbose()) {
            args.add("--verbose");
        }
        if (s.log().logfile() != null) {
            args.add("--logfile=" + s.log().logfile().toAbsolutePath());
        }
        if (s.pidfile() != null) {
            args.add("--pidfile=" + s.pidfile().toAbsolutePath());
        }
        if (s.embeddedZkPort() > 0) {
            args.add("--embedded-zk=" + s.embeddedZkPort());
        } else {
            args.add("--zkservers=" + s.zkServers());
        }
        args.add("--config_path=" + s.configPath().toAbsolutePath());
        if (s.pluginsDir() != null) {
            args.add("--plugins_dir=" + s.pluginsDir().toAbsolutePath());
        }
        args.add("--session_timeout=" + seconds(s.sessionTimeout()));
        args.add("--parallel_cap=" + s.parallelCap());
        args.add("--shutdown_grace=" + seconds(s.shutdownGrace()));
        if (s.httpPort() >= 0) {
            args.add("--http_port=" + s.httpPort());
            args.add("--http_bind=" + s.httpBind());
        }
        if (s.controlSocket() != null) {
            args.add("--control_socket=" + s.controlSocket().toAbsolutePath());
        }
        args.add("--state_dir=" + s.stateDir().toAbsolutePath());
        if (s.logConfig() != null) {
            args.add("--log_config=" + s.logConfig().toAbsolutePath());
        }
        if (s.logJson()) {
            args.add("--log_format=json");
        }
        args.add("--max_running=" + s.maxRunning());
        args.add("--load_timeout=" + seconds(s.loadTimeout()));
        if (s.allowInsecureConfigs()) {
            args.add("--allow_insecure_configs");
        }
        args.addAll(s.zkSecurity().args());
        return args;
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }
}
