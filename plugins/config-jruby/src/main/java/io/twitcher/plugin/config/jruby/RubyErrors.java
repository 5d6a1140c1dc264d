package io.twitcher.plugin.config.jruby;

import io.twitcher.api.ConfigException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jruby.RubyException;
import org.jruby.exceptions.MainExitException;
import org.jruby.exceptions.RaiseException;
import org.jruby.runtime.backtrace.RubyStackTraceElement;

/**
 * Turns what Ruby code threw into one sentence and a line of the config file: {@code <message> (<class>)} at the
 * innermost backtrace frame in that file, or a syntax error's own line.
 */
final class RubyErrors {
    private static final Pattern SYNTAX = Pattern.compile("(.*?):(\\d+): (.*)");
    // Classes a config file defines live in its anonymous module: hide that module's address from messages.
    private static final Pattern SANDBOX = Pattern.compile("#<Module:0x[0-9a-f]+>::");

    private RubyErrors() {}

    /** A file that failed to load. */
    static ConfigException loadFailure(Throwable t, String file) {
        Located where = locate(t, file, 0);
        return ConfigException.at(file, where.line(), where.reason());
    }

    /** A run of a Ruby action that raised; its stack trace is the Ruby backtrace. */
    static Exception actionFailure(Throwable t, String file, int registeredAt) {
        Located where = locate(t, file, registeredAt);
        Exception e = new RubyActionFailure(file + ":" + where.line() + ": " + where.reason());
        if (t instanceof RaiseException raise) {
            e.setStackTrace(
                    RaiseException.javaTraceFromRubyTrace(raise.getException().getBacktraceElements()));
        }
        return e;
    }

    private static Located locate(Throwable t, String file, int fallbackLine) {
        if (t instanceof RaiseException raise) {
            RubyException ex = raise.getException();
            String type = RubyValues.className(ex);
            String message = message(ex);
            if (type.equals("SyntaxError")) {
                Matcher m = SYNTAX.matcher(message);
                if (m.matches() && m.group(1).equals(file)) {
                    return new Located(Integer.parseInt(m.group(2)), m.group(3).trim());
                }
            }
            return new Located(
                    line(ex.getBacktraceElements(), file, fallbackLine),
                    SANDBOX.matcher(message + " (" + type + ")").replaceAll(""));
        }
        if (t instanceof MainExitException exit) {
            return new Located(fallbackLine, "exit! was called (status " + exit.getStatus() + ")");
        }
        return new Located(
                fallbackLine, t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    }

    private static String message(RubyException ex) {
        String text;
        try {
            text = ex.callMethod(ex.getRuntime().getCurrentContext(), "message").toString();
        } catch (RuntimeException e) {
            text = ex.getMessageAsJavaString();
        }
        text = text == null ? "" : text.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }

    private static int line(RubyStackTraceElement[] trace, String file, int fallbackLine) {
        for (RubyStackTraceElement e : trace) {
            if (file.equals(e.getFileName())) {
                return e.getLineNumber();
            }
        }
        return fallbackLine;
    }

    private record Located(int line, String reason) {}

    /** A Ruby action's failure as the daemon logs it. */
    static final class RubyActionFailure extends Exception {
        private static final long serialVersionUID = 1L;

        RubyActionFailure(String message) {
            super(message);
        }
    }
}
