package io.twitcher.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twitcher.api.ActionSpec;
import io.twitcher.api.ConfigException;
import io.twitcher.api.RunMode;
import io.twitcher.api.WatchDefinition;
import io.twitcher.api.WatchType;
import io.twitcher.runtime.config.ConfigChecker.FileReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckReportTest {

    @Test
    void listsEachFileWithItsWatchesOrItsErrorThenASummary() throws ConfigException {
        WatchDefinition deploy = WatchDefinition.builder()
                .znode("/git/head")
                .action(ActionSpec.shell("git pull"))
                .description("deploy")
                .origin("conf.d/deploy.twc", 3, 1)
                .build();
        WatchDefinition hook = WatchDefinition.builder()
                .znode("/jobs")
                .watchType(WatchType.CHILDREN)
                .runMode(RunMode.PARALLEL)
                .action(ActionSpec.of("http", Map.of("url", "http://x")))
                .origin("conf.d/deploy.twc", 9, 2)
                .build();
        List<FileReport> reports = List.of(
                new FileReport(
                        Path.of("/etc/twitcher/conf.d/deploy.twc"), "conf.d/deploy.twc", List.of(deploy, hook), null),
                new FileReport(
                        Path.of("/etc/twitcher/bad.twc"),
                        "bad.twc",
                        List.of(),
                        "bad.twc:12: RegisterWatch: run_mode must be QUEUE, DISCARD or PARALLEL"),
                new FileReport(
                        Path.of("/etc/twitcher/odd.properties"), "odd.properties", List.of(), "znode is required"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int errors = CheckReport.print(reports, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(2, errors);
        assertEquals(
                String.join(
                        "\n",
                        "conf.d/deploy.twc: OK, 2 watches",
                        "    deploy: /git/head, data, QUEUE, exec",
                        "    conf.d/deploy.twc-2: /jobs, children, PARALLEL, http",
                        "bad.twc:12: RegisterWatch: run_mode must be QUEUE, DISCARD or PARALLEL",
                        "odd.properties: znode is required",
                        "3 files: 1 OK, 2 with errors; 2 watches.",
                        ""),
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void singularCounts() throws ConfigException {
        WatchDefinition one = WatchDefinition.builder()
                .znode("/a")
                .action(ActionSpec.shell("true"))
                .origin("a.properties", 0, 1)
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CheckReport.print(
                List.of(new FileReport(Path.of("a.properties"), "a.properties", List.of(one), null)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(
                "a.properties: OK, 1 watch\n    a.properties-1: /a, data, QUEUE, exec\n"
                        + "1 file: 1 OK, 0 with errors; 1 watch.\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
