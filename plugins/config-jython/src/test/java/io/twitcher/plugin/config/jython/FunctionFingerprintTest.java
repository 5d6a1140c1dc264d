package io.twitcher.plugin.config.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.twitcher.api.ActionSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What counts as an unchanged function action across two loads of a file: equal specs keep their watch (no run on
 * load), unequal ones replace it.
 */
class FunctionFingerprintTest {
    private static final TwcConfigLoader LOADER = new TwcConfigLoader();

    @AfterAll
    static void closeLoader() {
        LOADER.close();
    }

    private static ActionSpec action(String text) throws Exception {
        return Twc.load(LOADER, "fp.twc", text).get(0).action();
    }

    private static final String DEPLOY = "def deploy(path='/srv/a'):\n    print path, LEVEL\n";

    @Test
    void theSameFunctionMovedCommentedOrReadingAnotherModuleValueIsUnchanged() throws Exception {
        ActionSpec first = action("LEVEL = 1\n" + DEPLOY + "RegisterWatch('/a', action=deploy)\n");
        ActionSpec second = action("# a comment\nimport os\n\nLEVEL = 2\n\n"
                + DEPLOY.replace("\n    print", "\n    # inside\n    print")
                + "RegisterWatch('/a', action=deploy, run_on_load=True)\n");
        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
    }

    @Test
    void aChangedBodyNameOrDefaultIsAChange() throws Exception {
        ActionSpec first = action("LEVEL = 1\n" + DEPLOY + "RegisterWatch('/a', action=deploy)\n");
        assertNotEquals(
                first,
                action("LEVEL = 1\n" + DEPLOY.replace("print path,", "print 'at', path,")
                        + "RegisterWatch('/a', action=deploy)\n"));
        assertNotEquals(
                first,
                action("LEVEL = 1\n" + DEPLOY.replace("/srv/a", "/srv/b") + "RegisterWatch('/a', action=deploy)\n"));
        assertNotEquals(
                first, action("LEVEL = 1\n" + DEPLOY.replace("deploy", "ship") + "RegisterWatch('/a', action=ship)\n"));
    }

    @Test
    void valuesAFunctionClosesOverCountAndSoDoesTheFunctionADecoratorWraps() throws Exception {
        String factory = "def make(path):\n    def run():\n        print path\n    return run\n";
        assertEquals(
                action(factory + "RegisterWatch('/a', action=make('/srv/a'))\n"),
                action("\n" + factory + "RegisterWatch('/a', action=make('/srv/a'))\n"));
        assertNotEquals(
                action(factory + "RegisterWatch('/a', action=make('/srv/a'))\n"),
                action(factory + "RegisterWatch('/a', action=make('/srv/b'))\n"));
        String logged = "def logged(fn):\n    def wrapper():\n        print 'run'\n        return fn()\n"
                + "    return wrapper\n\n@logged\ndef deploy():\n    print 1\n";
        assertEquals(
                action(logged + "RegisterWatch('/a', action=deploy)\n"),
                action("# moved\n" + logged + "RegisterWatch('/a', action=deploy)\n"));
        assertNotEquals(
                action(logged + "RegisterWatch('/a', action=deploy)\n"),
                action(logged.replace("print 1", "print 2") + "RegisterWatch('/a', action=deploy)\n"));
    }

    @Test
    void lambdasAndMethodsHaveFingerprintsOtherCallablesDoNot() throws Exception {
        assertEquals(
                action("RegisterWatch('/a', action=lambda: 1)\n"),
                action("\n\nRegisterWatch('/a', action=lambda: 1)  # moved\n"));
        assertNotEquals(
                action("RegisterWatch('/a', action=lambda: 1)\n"), action("RegisterWatch('/a', action=lambda: 2)\n"));
        String cls = "class Deployer(object):\n    def run(self):\n        print 1\n";
        assertEquals(
                action(cls + "RegisterWatch('/a', action=Deployer().run)\n"),
                action("\n" + cls + "RegisterWatch('/a', action=Deployer().run)\n"));
        String callable = "class Deployer(object):\n    def __call__(self):\n        print 1\n";
        assertNull(action(callable + "RegisterWatch('/a', action=Deployer())\n").fingerprint());
        assertNull(action("import os\nRegisterWatch('/a', action=os.getpid)\n").fingerprint());
        // A closed-over object that is not plain data: no fingerprint, so the watch is replaced at every load.
        assertNull(action("def make(o):\n    return lambda: o\nRegisterWatch('/a', action=make(object()))\n")
                .fingerprint());
    }
}
