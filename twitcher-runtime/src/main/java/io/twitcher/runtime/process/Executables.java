package io.twitcher.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds programs the way {@code execvp} will: a name with a slash is a path (relative to {@code /}, the children's
 * working directory), any other name is searched on {@code PATH}. Checked before starting so that a missing
 * program is an {@link IOException} from start() rather than a wrapper exiting with 127.
 */
final class Executables {
    // glibc's execvp default when PATH is unset.
    private static final String DEFAULT_PATH = "/bin:/usr/bin";

    private Executables() {}

    /** The program's path, or an IOException naming it. */
    static Path find(String program, Map<String, String> env) throws IOException {
        if (program.isEmpty()) {
            throw new IOException("the program name is empty");
        }
        try {
            if (program.indexOf('/') >= 0) {
                Path path = Path.of("/").resolve(program);
                if (isExecutable(path)) {
                    return path;
                }
                throw new IOException("program '" + program + "' does not exist or is not executable");
            }
            String searchPath = env.getOrDefault("PATH", DEFAULT_PATH);
            for (String dir : searchPath.split(":", -1)) {
                Path path = Path.of("/").resolve(dir.isEmpty() ? "." : dir).resolve(program);
                if (isExecutable(path)) {
                    return path;
                }
            }
            throw new IOException("program '" + program + "' not found on PATH " + searchPath);
        } catch (InvalidPathException e) {
            throw new IOException("program name '" + program + "' is not a valid path");
        }
    }

    /** A util-linux tool the supervisor puts in front of every command, found on the daemon's PATH (or sbin). */
    static Path findTool(String name) throws IOException {
        String path = System.getenv().getOrDefault("PATH", DEFAULT_PATH) + ":/usr/bin:/bin:/usr/sbin:/sbin";
        try {
            return find(name, Map.of("PATH", path));
        } catch (IOException e) {
            throw new IOException("'" + name + "' was not found on PATH; install the util-linux package");
        }
    }

    private static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
