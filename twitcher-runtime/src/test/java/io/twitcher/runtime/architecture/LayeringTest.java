package io.twitcher.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build fails on a package cycle inside the runtime and on a dependency against the architecture: the api knows
 * nothing of the runtime or the plugins, the plugins know only the api, the runtime never reaches into plugin code,
 * and inside the runtime data flows one way, {@code config -> watch -> dispatch -> run -> process}, with
 * {@code daemon} owning the process lifecycle on top and {@code cli} only parsing and calling commands.
 */
class LayeringTest {
    private static JavaClasses runtime;
    private static JavaClasses everything;

    @BeforeAll
    static void importClasses() throws IOException {
        ClassFileImporter importer =
                new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        runtime = importer.importPackages("io.twitcher.runtime");
        // The plugins' own classes, as the reactor built them (this module builds after them).
        List<Path> pluginClasses;
        try (Stream<Path> modules = Files.walk(Path.of("..", "plugins"), 3)) {
            pluginClasses = modules.filter(p -> p.endsWith(Path.of("target", "classes")) && Files.isDirectory(p))
                    .toList();
        }
        assertFalse(pluginClasses.isEmpty(), "no plugin classes under ../plugins/*/target/classes: build the reactor");
        Set<Location> locations = new HashSet<>(Locations.ofPackage("io.twitcher.api"));
        locations.addAll(Locations.ofPackage("io.twitcher.runtime"));
        pluginClasses.forEach(p -> locations.add(Location.of(p.toAbsolutePath())));
        everything = importer.importLocations(locations);
    }

    /** No cycle between the top-level packages under {@code root} (e.g. {@code io.twitcher.runtime}). */
    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule runtimeLayers() {
        String r = "io.twitcher.runtime.";
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("cli")
                .definedBy(r + "cli..")
                .layer("daemon")
                .definedBy(r + "daemon..")
                .layer("control")
                .definedBy(r + "control..")
                .layer("metrics")
                .definedBy(r + "metrics..")
                .layer("config")
                .definedBy(r + "config..")
                .layer("plugin")
                .definedBy(r + "plugin..")
                .layer("watch")
                .definedBy(r + "watch..")
                .layer("dispatch")
                .definedBy(r + "dispatch..")
                .layer("fleet")
                .definedBy(r + "fleet..")
                .layer("run")
                .definedBy(r + "run..")
                .layer("status")
                .definedBy(r + "status..")
                .layer("process")
                .definedBy(r + "process..")
                .layer("zk")
                .definedBy(r + "zk..")
                .layer("logging")
                .definedBy(r + "logging..")
                .layer("trust")
                .definedBy(r + "trust..")
                .layer("lifecycle")
                .definedBy(r + "lifecycle..")
                .layer("libc")
                .definedBy(r + "libc..")
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("daemon")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("control")
                .mayOnlyBeAccessedByLayers("daemon", "cli")
                .whereLayer("metrics")
                .mayOnlyBeAccessedByLayers("daemon")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers("daemon", "cli")
                .whereLayer("plugin")
                .mayOnlyBeAccessedByLayers("config", "daemon")
                .whereLayer("watch")
                .mayOnlyBeAccessedByLayers("config", "daemon")
                .whereLayer("dispatch")
                .mayOnlyBeAccessedByLayers("watch")
                .whereLayer("fleet")
                .mayOnlyBeAccessedByLayers("watch", "daemon")
                .whereLayer("run")
                .mayOnlyBeAccessedByLayers("dispatch", "fleet", "watch")
                .whereLayer("status")
                .mayOnlyBeAccessedByLayers("daemon", "control", "metrics", "config", "watch", "fleet", "run")
                .whereLayer("process")
                .mayOnlyBeAccessedByLayers("run", "watch", "daemon")
                .whereLayer("zk")
                .mayOnlyBeAccessedByLayers("daemon", "cli")
                .whereLayer("logging")
                .mayOnlyBeAccessedByLayers("daemon", "cli")
                .whereLayer("trust")
                .mayOnlyBeAccessedByLayers("cli", "daemon", "config", "plugin")
                .whereLayer("libc")
                .mayOnlyBeAccessedByLayers("process", "logging", "daemon")
                .whereLayer("lifecycle")
                .mayOnlyBeAccessedByLayers(
                        "cli",
                        "daemon",
                        "control",
                        "metrics",
                        "config",
                        "plugin",
                        "watch",
                        "dispatch",
                        "fleet",
                        "run",
                        "status",
                        "process",
                        "zk");
    }

    @Test
    void runtimePackagesHaveNoCycle() {
        noCycles("io.twitcher.runtime").check(runtime);
    }

    @Test
    void dataFlowsOneWayThroughTheRuntime() {
        runtimeLayers().check(runtime);
    }

    @Test
    void theApiKnowsNeitherRuntimeNorPlugins() {
        noClasses()
                .that()
                .resideInAPackage("io.twitcher.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.twitcher.runtime..", "io.twitcher.plugin..")
                .check(everything);
    }

    @Test
    void pluginsKnowOnlyTheApi() {
        noClasses()
                .that()
                .resideInAnyPackage("io.twitcher.plugin..", "io.twitcher.examples..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.twitcher.runtime..")
                .check(everything);
    }

    @Test
    void theRuntimeNeverReachesIntoPluginCode() {
        noClasses()
                .that()
                .resideInAPackage("io.twitcher.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.twitcher.plugin..", "io.twitcher.examples..")
                .check(everything);
    }

    @Test
    void theCycleRuleFailsOnACycle() {
        JavaClasses withCycle = new ClassFileImporter().importPackages("io.twitcher.archfixture");
        assertThrows(AssertionError.class, () -> noCycles("io.twitcher.archfixture.cycle")
                .check(withCycle));
    }

    @Test
    void theLayerRuleFailsOnAnUpwardDependency() {
        // dispatch -> watch is against the data's direction; the fixture's a -> b -> a stands in for it.
        ArchRule upward = layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("a")
                .definedBy("io.twitcher.archfixture.cycle.a..")
                .layer("b")
                .definedBy("io.twitcher.archfixture.cycle.b..")
                .whereLayer("a")
                .mayNotBeAccessedByAnyLayer();
        assertThrows(
                AssertionError.class,
                () -> upward.check(new ClassFileImporter().importPackages("io.twitcher.archfixture")));
    }
}
