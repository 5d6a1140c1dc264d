package io.twitcher.plugin.action.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twitcher.api.Action;
import io.twitcher.api.ChangeEvent;
import io.twitcher.api.ConfigException;
import io.twitcher.api.RunResult;
import io.twitcher.api.TriggerEvent;
import io.twitcher.api.testing.FixedRunContext;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JavaActionTypeTest {
    private final JavaActionType type = new JavaActionType();
    private final TestCallback audit = new TestCallback("audit", event -> {});
    private final TestCallback deploy = new TestCallback("deploy", event -> {});

    private String error(Map<String, Object> params, TestCallback... callbacks) {
        return assertThrows(ConfigException.class, () -> type.create(params, new TestExtensions(callbacks)))
                .getMessage();
    }

    @Test
    void runsTheNamedCallbackOnTheCallingThreadWithTheChange() throws Exception {
        Action action = type.create(Map.of("name", "deploy"), new TestExtensions(audit, deploy));

        RunResult result = action.run(context("v42"));

        assertEquals("java", type.name());
        assertEquals(RunResult.ok("callback deploy returned"), result);
        assertTrue(audit.events.isEmpty());
        assertEquals(1, deploy.events.size());
        ChangeEvent event = deploy.events.get(0);
        assertEquals("/app/config", event.znode());
        assertEquals("v42", new String(event.data(), StandardCharsets.UTF_8));
        assertEquals(3, event.version());
        assertEquals(TriggerEvent.LOAD, event.event());
        assertEquals("audit", event.description());
        assertSame(Thread.currentThread(), deploy.thread);
        assertFalse(action.runsProcess());
    }

    @Test
    void unknownNameIsRejectedAtLoadTimeListingTheKnownCallbacks() {
        assertEquals(
                "java: no callback named 'deploi'; known: audit, deploy",
                error(Map.of("name", "deploi"), deploy, audit));
        assertEquals(
                "java: no callback named 'deploy'; no plugin provides a callback", error(Map.of("name", "deploy")));
    }

    @Test
    void twoCallbacksWithOneNameAreRejected() {
        TestCallback twin = new TestCallback("audit", event -> {});
        assertEquals(
                "java: 2 callbacks are named 'audit' (io.twitcher.plugin.action.java.TestCallback,"
                        + " io.twitcher.plugin.action.java.TestCallback); callback names must be unique",
                error(Map.of("name", "audit"), audit, twin));
    }

    @Test
    void nameIsRequiredAndOtherParametersAreRejected() {
        assertEquals("java: name is required", error(Map.of(), audit));
        assertEquals("java: name must name a callback", error(Map.of("name", " "), audit));
        assertEquals("java: unknown parameter level", error(Map.of("name", "audit", "level", "debug"), audit));
    }

    @Test
    void callbackExceptionFailsTheRunAsItIs() throws Exception {
        IOException failure = new IOException("disk full");
        TestCallback failing = new TestCallback("failing", event -> {
            throw failure;
        });
        Action action = type.create(Map.of("name", "failing"), new TestExtensions(failing));

        assertSame(failure, assertThrows(IOException.class, () -> action.run(context("x"))));
    }

    @Test
    void interruptOfABlockedCallbackEndsTheRun() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        TestCallback blocking = new TestCallback("blocking", event -> {
            entered.countDown();
            never.await(60, TimeUnit.SECONDS);
        });
        Action action = type.create(Map.of("name", "blocking"), new TestExtensions(blocking));
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread worker = new Thread(
                () -> {
                    try {
                        action.run(context("x"));
                        thrown.complete(null);
                    } catch (Throwable t) {
                        thrown.complete(t);
                    }
                },
                "twitcher-watch-test");
        worker.start();

        assertTrue(entered.await(10, TimeUnit.SECONDS));
        worker.interrupt();

        assertInstanceOf(InterruptedException.class, thrown.get(2, TimeUnit.SECONDS));
    }

    @Test
    void callbackThatOnlyRestoresTheInterruptFlagStillEndsTheRunInterrupted() throws Exception {
        TestCallback polite =
                new TestCallback("polite", event -> Thread.currentThread().interrupt());
        Action action = type.create(Map.of("name", "polite"), new TestExtensions(polite));

        InterruptedException e = assertThrows(InterruptedException.class, () -> action.run(context("x")));

        assertEquals("callback 'polite' returned after its run was interrupted", e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void contextClassLoaderIsTheCallbacksDuringTheCallAndRestoredAfter() throws Exception {
        Action action = type.create(Map.of("name", "audit"), new TestExtensions(audit));
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader other = new URLClassLoader(new URL[0], null)) {
            Thread.currentThread().setContextClassLoader(other);

            action.run(context("x"));

            assertSame(TestCallback.class.getClassLoader(), audit.contextLoader);
            assertSame(other, Thread.currentThread().getContextClassLoader());
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void withoutTheDaemonsExtensionsCallbacksAreFoundWithServiceLoader() throws Exception {
        Action action = type.create(Map.of("name", "service-loaded"));

        assertEquals(RunResult.ok("callback service-loaded returned"), action.run(context("x")));
        assertEquals(
                "java: no callback named 'audit'; known: service-loaded",
                assertThrows(ConfigException.class, () -> type.create(Map.of("name", "audit")))
                        .getMessage());
    }

    /** The run context of these tests: {@code data} for /app/config, watch "audit", a LOAD event, version 3. */
    private static FixedRunContext context(String data) {
        return FixedRunContext.of(data)
                .withZnode("/app/config")
                .withDescription("audit")
                .withEvent(TriggerEvent.LOAD)
                .withVersion(3);
    }
}
