package dev.larder.testkit.servers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds server binaries on the PATH, or fails naming the command that installs them. */
final class Installed {
    private Installed() {
    }

    /**
     * The path of {@code binary}.
     *
     * @throws IllegalStateException with the install command when it is not on the PATH
     */
    static Path require(String binary, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/usr/local/sbin", "/sbin"}) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(binary + " is not installed, and this test needs a real one."
                + " Install it with: sudo apt-get install -y " + debianPackage
                + " (or run scripts/install-deps, which installs everything the tests need)");
    }
}
