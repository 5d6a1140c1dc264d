package io.twitcher.plugin.config.jython;

import io.twitcher.api.ActionSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.python.antlr.AST;
import org.python.antlr.ast.FunctionDef;
import org.python.antlr.ast.Lambda;
import org.python.antlr.base.expr;
import org.python.core.AstList;
import org.python.core.CompileMode;
import org.python.core.CompilerFlags;
import org.python.core.ParserFacade;
import org.python.core.Py;
import org.python.core.PyBaseCode;
import org.python.core.PyBoolean;
import org.python.core.PyCell;
import org.python.core.PyDictionary;
import org.python.core.PyFloat;
import org.python.core.PyFunction;
import org.python.core.PyInteger;
import org.python.core.PyList;
import org.python.core.PyLong;
import org.python.core.PyMethod;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyTuple;

/**
 * What makes a function action of a {@code .twc} file the same across loads of the file (SPEC §1.2: an unchanged watch
 * is not run again): the function's code as the file's syntax tree has it ({@code ast.dump}, so comments, blank lines
 * and where the function stands in the file do not count), its name, its default argument values and the values it
 * closes over. Those values count when they are plain data (None, bool, numbers, str, and tuples, lists and dicts of
 * them), an action such as {@code Exec(...)}, or functions of the same file (fingerprinted alike); a bound method
 * counts as its function (not its object). What the function reads from the module (globals, other functions it
 * calls) does not count. Any other callable or value gives no fingerprint: its watch is replaced at every load.
 * Used on the reload thread, for one evaluation.
 */
final class PythonFingerprint {
    private static final int MAX_DEPTH = 8;

    private final JythonRuntime runtime;
    private final byte[] source;
    private final String fileName;
    /** The dumps of the file's functions and lambdas by the line they start on (a decorator's line too). */
    private Map<Integer, List<String[]>> byLine;

    PythonFingerprint(JythonRuntime runtime, byte[] source, String fileName) {
        this.runtime = runtime;
        this.source = source;
        this.fileName = fileName;
    }

    /** A digest of {@code callable}'s source, or {@code null} when it has none that can be told apart reliably. */
    String of(PyObject callable) {
        try {
            StringBuilder out = new StringBuilder();
            if (!function(callable, out, 0)) {
                return null;
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(out.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException | NoSuchAlgorithmException e) {
            // A Python exception (PyException) among them. No fingerprint: the watch is replaced on reload.
            return null;
        }
    }

    private boolean function(PyObject callable, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (callable instanceof PyMethod m) {
            out.append("method ");
            return function(m.__func__, out, depth + 1);
        }
        if (!(callable instanceof PyFunction f) || !(f.__code__ instanceof PyBaseCode code)) {
            return false;
        }
        if (!fileName.equals(code.co_filename)) {
            return false;
        }
        List<String[]> nodes = nodes().getOrDefault(code.co_firstlineno, List.of());
        out.append("def ").append(f.__name__).append('\n');
        boolean found = false;
        for (String[] node : nodes) {
            if (node[0].equals(code.co_name)) {
                out.append(node[1]).append('\n');
                found = true;
            }
        }
        if (!found) {
            return false;
        }
        out.append("defaults (");
        if (f.__defaults__ != null) {
            for (PyObject d : f.__defaults__) {
                if (!value(d, out, depth + 1)) {
                    return false;
                }
            }
        }
        out.append(") closure (");
        if (f.__closure__ instanceof PyTuple cells) {
            for (PyObject cell : cells.getArray()) {
                PyObject content = cell instanceof PyCell c ? c.ob_ref : cell;
                if (content == null) {
                    out.append("<empty>, ");
                } else if (!value(content, out, depth + 1)) {
                    return false;
                }
            }
        }
        out.append(")\n");
        return true;
    }

    private boolean value(PyObject v, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (v == Py.None
                || v instanceof PyBoolean
                || v instanceof PyInteger
                || v instanceof PyLong
                || v instanceof PyFloat
                || v instanceof PyString) {
            out.append(v.getType().fastGetName())
                    .append(' ')
                    .append(v.__repr__())
                    .append(", ");
            return true;
        }
        if (v instanceof PyTuple || v instanceof PyList) {
            out.append(v.getType().fastGetName()).append(" [");
            for (PyObject item : v.asIterable()) {
                if (!value(item, out, depth + 1)) {
                    return false;
                }
            }
            out.append("], ");
            return true;
        }
        if (v instanceof PyDictionary dict) {
            out.append("dict {");
            for (PyObject key : dict.keys().asIterable()) {
                if (!value(key, out, depth + 1) || !value(dict.__getitem__(key), out, depth + 1)) {
                    return false;
                }
            }
            out.append("}, ");
            return true;
        }
        if (v instanceof PythonActionConstructor.SpecValue s) {
            ActionSpec spec = s.spec();
            out.append("action ")
                    .append(spec.type())
                    .append(' ')
                    .append(spec.params())
                    .append(", ");
            return !spec.isInline();
        }
        return function(v, out, depth);
    }

    private Map<Integer, List<String[]>> nodes() {
        if (byLine == null) {
            byLine = runtime.within(this::parse);
        }
        return byLine;
    }

    private Map<Integer, List<String[]>> parse() {
        Map<Integer, List<String[]>> lines = new HashMap<>();
        PyObject tree =
                ParserFacade.parse(new ByteArrayInputStream(source), CompileMode.exec, fileName, new CompilerFlags());
        collect(tree, lines);
        return lines;
    }

    /** Every function and lambda in the tree, as {@code ast.walk} finds them, by the lines they start on. */
    private static void collect(PyObject node, Map<Integer, List<String[]>> lines) {
        if (node instanceof FunctionDef def) {
            String[] dump = {def.getInternalName(), dump(def)};
            List<Integer> starts = new ArrayList<>(List.of(def.getLineno()));
            for (expr decorator : def.getInternalDecorator_list()) {
                starts.add(decorator.getLineno());
            }
            for (int line : starts) {
                lines.computeIfAbsent(line, k -> new ArrayList<>()).add(dump);
            }
        } else if (node instanceof Lambda lambda) {
            lines.computeIfAbsent(lambda.getLineno(), k -> new ArrayList<>())
                    .add(new String[] {"<lambda>", dump(lambda)});
        }
        for (Map.Entry<String, PyObject> field : fields(node)) {
            PyObject value = field.getValue();
            if (value instanceof AST) {
                collect(value, lines);
            } else if (isList(value)) {
                for (PyObject item : value.asIterable()) {
                    collect(item, lines);
                }
            }
        }
    }

    /**
     * {@code ast.dump(node)}, computed in Java (importing Python's {@code ast} module and running it cost a start about
     * 0.6 s and 40 MiB): the node's class and its fields, lists item by item, other values by their repr; no line
     * numbers.
     */
    private static String dump(PyObject node) {
        StringBuilder out = new StringBuilder();
        dump(node, out);
        return out.toString();
    }

    private static void dump(PyObject value, StringBuilder out) {
        if (value instanceof AST) {
            out.append(value.getType().fastGetName()).append('(');
            String separator = "";
            for (Map.Entry<String, PyObject> field : fields(value)) {
                out.append(separator).append(field.getKey()).append('=');
                dump(field.getValue(), out);
                separator = ", ";
            }
            out.append(')');
        } else if (isList(value)) {
            out.append('[');
            String separator = "";
            for (PyObject item : value.asIterable()) {
                out.append(separator);
                dump(item, out);
                separator = ", ";
            }
            out.append(']');
        } else {
            out.append(value.__repr__());
        }
    }

    /** A syntax tree node's fields that are set, by name, in {@code _fields} order ({@code ast.iter_fields}). */
    private static List<Map.Entry<String, PyObject>> fields(PyObject node) {
        List<Map.Entry<String, PyObject>> out = new ArrayList<>();
        PyObject names = node instanceof AST ? node.__findattr__("_fields") : null;
        if (names != null) {
            for (PyObject name : names.asIterable()) {
                PyObject value = node.__findattr__(name.toString());
                if (value != null) {
                    out.add(Map.entry(name.toString(), value));
                }
            }
        }
        return out;
    }

    /** A list of nodes, as the tree holds it. */
    private static boolean isList(PyObject value) {
        return value instanceof AstList || value instanceof PyList;
    }
}
