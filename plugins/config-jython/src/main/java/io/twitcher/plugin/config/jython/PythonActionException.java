package io.twitcher.plugin.config.jython;

/**
 * A function action raised a Python exception. The message is its Python traceback, naming the file and line; the
 * Java stack is left out, since it only shows Jython's interpreter.
 */
public final class PythonActionException extends Exception {
    private static final long serialVersionUID = 1L;

    PythonActionException(String traceback) {
        super(traceback, null, false, false);
    }
}
