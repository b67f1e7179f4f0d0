package dev.larder.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code django/runner.py} under Debian's Python with Django 3.2 and reads what Django did
 * for every case. Missing Django fails with the command that installs it.
 */
final class DjangoRun {
    static final String PYTHON = "/usr/bin/python3";
    static final String INSTALL = "sudo apt-get install -y python3-django python3-pymemcache (or run scripts/install-deps)";

    private DjangoRun() {
    }

    static JsonNode run(Path module, Path cases, Path work, String memcached) throws IOException, InterruptedException {
        check();
        Path out = work.resolve("django.json");
        Path err = work.resolve("django.err");
        ProcessBuilder builder = new ProcessBuilder(PYTHON, module.resolve("django/runner.py").toString(),
                "--cases", cases.toString(), "--work", work.toString(), "--memcached", memcached)
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // Django writes some header lists in set order, which follows the string hash seed.
        builder.environment().put("PYTHONHASHSEED", "0");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the Django runner did not finish in 5 minutes");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("the Django runner failed (exit " + process.exitValue() + "):\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return Outcome.JSON.readTree(out.toFile());
    }

    private static void check() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new AssertionError(PYTHON + " is missing; install Debian's Python and Django: " + INSTALL);
        }
        Process probe = new ProcessBuilder(PYTHON, "-c",
                "import django, pymemcache; assert django.VERSION[:2] == (3, 2), django.get_version()")
                .redirectErrorStream(true).start();
        String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (probe.waitFor() != 0) {
            throw new AssertionError("the conformance suite needs Django 3.2 and pymemcache under " + PYTHON + ": "
                    + INSTALL + "\n" + said);
        }
    }
}
