package io.twitcher.runtime.daemon;

/** The version of the running Twitcher: the runtime jar's {@code Implementation-Version}. */
public final class Version {
    private Version() {}

    /** The version, or {@code "development"} when running from classes outside a jar (tests, an IDE). */
    public static String get() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "development" : version;
    }
}
