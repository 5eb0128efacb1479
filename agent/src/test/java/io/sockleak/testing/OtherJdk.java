package io.sockleak.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project's other supported JDK on this machine (25 when the tests run on 17, 17 when on 25), as
 * .ci/run finds them: a home under /usr/lib/jvm whose {@code release} file names that version.
 */
public final class OtherJdk {

    private OtherJdk() {
    }

    public static int otherFeature() {
        return Runtime.version().feature() == 17 ? 25 : 17;
    }

    public static Optional<Path> home() {
        int want = otherFeature();
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(Path.of("/usr/lib/jvm"))) {
            for (Path home : homes) {
                Path release = home.resolve("release");
                if (Files.isExecutable(home.resolve("bin/java")) && Files.isRegularFile(release)
                        && Files.readString(release).contains("JAVA_VERSION=\"" + want)) {
                    return Optional.of(home.toRealPath());
                }
            }
        } catch (IOException noJvmFolder) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
