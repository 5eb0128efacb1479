package io.sockleak.cli;

/** The version the build wrote into the jar's manifest (Implementation-Version). */
final class Version {

    private Version() {
    }

    static String ofThisJar() {
        String version = Version.class.getPackage().getImplementationVersion();
        // Classes run from target/classes (an IDE, a unit test) have no manifest to read.
        return version == null ? "(version unknown: not run from the built jar)" : version;
    }
}
