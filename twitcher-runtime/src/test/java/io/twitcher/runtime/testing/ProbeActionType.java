package io.twitcher.runtime.testing;

import io.twitcher.api.Action;
import io.twitcher.api.ActionType;
import io.twitcher.api.ConfigException;
import io.twitcher.api.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * An action type for the runtime's tests, found on the test classpath like any embedded extension: {@code probe}
 * appends {@code "<event> <data>"} to {@code probe.file} on each run, then ends as {@code probe.outcome} says
 * ({@code ok}, {@code fail}: a failed result, {@code error}: throws an {@link AssertionError}, {@code exception}).
 * {@code probe.requires} names a file that must exist when the config loads (so a file can fail to load and load
 * later without changing).
 */
public final class ProbeActionType implements ActionType {
    @Override
    public String name() {
        return "probe";
    }

    @Override
    public Action create(Map<String, Object> params) throws ConfigException {
        Object file = params.get("file");
        if (file == null) {
            throw new ConfigException("probe: file is required");
        }
        Object requires = params.get("requires");
        if (requires != null && !Files.exists(Path.of(requires.toString()))) {
            throw new ConfigException("probe: " + requires + " does not exist");
        }
        String outcome = String.valueOf(params.getOrDefault("outcome", "ok")).trim();
        Path out = Path.of(file.toString().trim());
        return context -> {
            String line = context.event().envValue() + " " + new String(context.data(), StandardCharsets.UTF_8) + "\n";
            try {
                Files.writeString(out, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return switch (outcome) {
                case "fail" -> RunResult.failed("probe failed as asked");
                case "error" -> throw new AssertionError("probe error as asked");
                case "exception" -> throw new IllegalStateException("probe exception as asked");
                default -> RunResult.ok("probe ran");
            };
        };
    }
}
