package io.twitcher.plugin.config.jruby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.twitcher.api.ActionSpec;
import org.junit.jupiter.api.Test;

/**
 * What counts as an unchanged in-process Ruby action across two loads of a file: equal specs keep their watch (no run
 * on load), unequal ones replace it.
 */
class RubyFingerprintTest {
    private static ActionSpec action(String text) throws Exception {
        return SharedLoader.load("fp.rb", text).get(0).action();
    }

    private static final String BLOCK = "register_watch znode: '/a' do |data|\n  puts \"#{LEVEL} #{data}\"\nend\n";

    @Test
    void theSameBlockMovedOrReadingAnotherConstantIsUnchanged() throws Exception {
        ActionSpec first = action("LEVEL = 1\n" + BLOCK);
        ActionSpec second = action("# a comment\nrequire 'json'\n\nLEVEL = 2\n\n" + BLOCK + "# after\n");
        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
    }

    @Test
    void aChangeInTheBlocksTextIsAChange() throws Exception {
        assertNotEquals(action("LEVEL = 1\n" + BLOCK), action("LEVEL = 1\n" + BLOCK.replace("#{data}", "#{data}!")));
        assertNotEquals(
                action("LEVEL = 1\n" + BLOCK),
                action("LEVEL = 1\n" + BLOCK.replace("  puts", "  # a comment inside counts\n  puts")));
    }

    @Test
    void lambdasProcsAndMethodsHaveFingerprintsOtherCallablesDoNot() throws Exception {
        String lambda = "deploy = ->(data) {\n  puts data\n}\nregister_watch znode: '/a', action: deploy\n";
        assertEquals(action(lambda), action("\n\n" + lambda));
        assertNotEquals(action(lambda), action(lambda.replace("puts", "p")));
        String method = "def deploy(data)\n  puts data\nend\nregister_watch znode: '/a', action: method(:deploy)\n";
        assertEquals(action(method), action("# moved\n" + method));
        assertNotEquals(action(method), action(method.replace("puts", "p")));
        String object = "class Deployer\n  def call(data)\n    puts data\n  end\nend\n"
                + "register_watch znode: '/a', action: Deployer.new\n";
        assertNull(action(object).fingerprint());
    }
}
