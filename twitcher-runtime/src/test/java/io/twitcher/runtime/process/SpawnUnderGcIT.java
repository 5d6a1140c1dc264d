package io.twitcher.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * posix_spawn's arguments live in native memory that jnr-ffi frees when the Java object holding it is collected; its
 * generated stubs did not keep the converted argv and envp reachable during the call, so a collection at that moment
 * freed them under the spawn ("Bad address", 2 of 1,000 simultaneous runs in the benchmark harness). Many spawns with
 * long argument lists and environments, on several threads, while another thread collects all the time.
 */
class SpawnUnderGcIT {
    @Test
    void spawnsSurviveCollectionsDuringTheCall() throws Exception {
        NativeSpawn spawn = NativeSpawn.get();
        ActionEnvironment environment = new ActionEnvironment(System.getenv());
        List<String> argv = new ArrayList<>(List.of("/bin/true"));
        for (int i = 0; i < 200; i++) {
            argv.add("argument-" + i + "-" + "x".repeat(i % 50));
        }
        Map<String, String> extra = new java.util.HashMap<>();
        for (int i = 0; i < 100; i++) {
            extra.put("TWITCHER_TEST_" + i, "value-" + "y".repeat(i));
        }
        String[] envp = environment.envp(environment.build(extra, null, false));
        AtomicBoolean stop = new AtomicBoolean();
        Thread collector = new Thread(() -> {
            while (!stop.get()) {
                System.gc();
            }
        });
        collector.start();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 75; i++) {
                        try {
                            NativeSpawn.Child child = spawn.spawn("/bin/true", argv, envp.clone(), false);
                            spawn.waitFor(child.pid());
                            closeAll(spawn, child);
                        } catch (java.io.IOException e) {
                            failures.add(e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            stop.set(true);
            collector.join();
            pool.shutdown();
        }
        assertEquals(List.of(), List.copyOf(failures));
    }

    private static void closeAll(NativeSpawn spawn, NativeSpawn.Child child) throws java.io.IOException {
        spawn.input(child.stdout()).close();
        spawn.input(child.stderr()).close();
    }
}
