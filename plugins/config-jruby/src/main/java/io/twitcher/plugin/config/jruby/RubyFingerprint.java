package io.twitcher.plugin.config.jruby;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.jruby.RubyArray;
import org.jruby.RubyMethod;
import org.jruby.RubyProc;
import org.jruby.ast.IterNode;
import org.jruby.ast.MethodDefNode;
import org.jruby.ast.Node;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * What makes an in-process action of a {@code .rb} file the same across loads of the file (SPEC §1.2: an unchanged
 * watch is not run again): the text of its block, lambda or method, from the line it starts on to the line it ends
 * on, as JRuby's parser delimits it ({@code source_location} gives the start, the parse tree's block or {@code def}
 * node the end). Blocks that start on the same line are taken together. What the block reads from outside that text
 * (local variables of the file, constants, methods) does not count. Any other callable (an object with {@code call}, a
 * block from another file) gives no fingerprint: its watch is replaced at every load. Used on the loading thread, for
 * one evaluation.
 */
final class RubyFingerprint {
    private final RubyRuntime runtime;
    private final byte[] source;
    private final String fileName;
    /** The last line of the blocks and methods that start on a line (1-based). */
    private Map<Integer, Integer> ends;

    RubyFingerprint(RubyRuntime runtime, byte[] source, String fileName) {
        this.runtime = runtime;
        this.source = source;
        this.fileName = fileName;
    }

    /** A digest of {@code callable}'s source text, or {@code null} when it has none to compare. */
    String of(IRubyObject callable) {
        if (!(callable instanceof RubyProc) && !(callable instanceof RubyMethod)) {
            return null;
        }
        try {
            IRubyObject location = callable.callMethod(runtime.context(), "source_location");
            if (!(location instanceof RubyArray<?> pair) || pair.size() != 2) {
                return null;
            }
            if (!fileName.equals(pair.eltInternal(0).toString())) {
                return null;
            }
            int first = (int) pair.eltInternal(1).convertToInteger().getLongValue();
            Integer last = ends().get(first);
            if (last == null) {
                return null;
            }
            String[] lines = new String(source, StandardCharsets.UTF_8).split("\n", -1);
            if (last > lines.length) {
                return null;
            }
            StringBuilder text = new StringBuilder(callable.getMetaClass().getName()).append('\n');
            for (int i = first; i <= last; i++) {
                text.append(lines[i - 1]).append('\n');
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException | NoSuchAlgorithmException e) {
            return null; // no fingerprint: the watch is replaced on reload, as before fingerprints existed
        }
    }

    private Map<Integer, Integer> ends() {
        if (ends == null) {
            ends = new HashMap<>();
            collect(runtime.parse(source, fileName));
        }
        return ends;
    }

    private void collect(Node node) {
        if (node == null) {
            return;
        }
        // Parser lines are 0-based; source_location's are 1-based.
        if (node instanceof IterNode iter) {
            ends.merge(iter.getLine() + 1, iter.getEndLine() + 1, Math::max);
        } else if (node instanceof MethodDefNode def) {
            ends.merge(def.getLine() + 1, def.getEndLine() + 1, Math::max);
        }
        for (Node child : node.childNodes()) {
            collect(child);
        }
    }
}
