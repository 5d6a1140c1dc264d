package io.twitcher.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void controlCharactersAreEscapedAndPlainTextIsLeftAlone() {
        assertEquals("a\\x1b[2Jb\\x0dc\\x00d\\x07", LogText.escape("a\u001b[2Jb\rc\u0000d\u0007"));
        assertEquals("fake\\x0a2026-01-01 INFO root ok", LogText.escape("fake\n2026-01-01 INFO root ok"));
        assertEquals("del\\x7f c1\\x9b line\\u2028sep", LogText.escape("del\u007f c1\u009b line\u2028sep"));
        String plain = "tab\tand caf\u00e9 \\ back";
        assertSame(plain, LogText.escape(plain));
    }
}
