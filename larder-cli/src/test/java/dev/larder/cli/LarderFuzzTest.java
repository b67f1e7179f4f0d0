package dev.larder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.Shapes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The {@code larder} command on any argument list: it exits 0, 1 or 2 (its documented codes),
 * never throws and never prints a stack trace; at most 256 bytes a character of the arguments
 * + 16 MiB (each run builds a registry; picocli's "did you mean" compares a wrong word by
 * its character pairs), 1 s + 1 µs a character. Configurations are a
 * {@code locmem} one, a damaged one and a missing file, so no run connects anywhere.
 */
class LarderFuzzTest {
    static final Bounded RUN = Bounded.named("larder command").allocation(256, 16 << 20)
            .time(Duration.ofSeconds(1), 1_000);
    static final Path GOOD;
    static final Path DAMAGED;

    static {
        try {
            Path dir = Files.createTempDirectory("larder-cli-fuzz");
            GOOD = Files.writeString(dir.resolve("good.properties"), "larder.caches.default.backend=locmem\n"
                    + "larder.caches.other.backend=dummy\nlarder.caches.other.timeout=5m\n");
            DAMAGED = Files.writeString(dir.resolve("damaged.properties"), "larder.caches.default.backend=loc\\u00\n"
                    + "larder.caches..x=\nlarder.caches.other.timeout=soon\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<List<String>> argv() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("get", "set", "delete", "clear", "stats", "check", "createcachetable", "help", "--help",
                        "-h", "--version", "-V", "-v", "--verbose", "-c", "--cache", "-t", "--timeout", "--long",
                        "--dry-run", "--config", "--", "-", "default", "other", "nosuch", "@", "@nosuchfile", "-cdefault",
                        "--cache=other", "--timeout=never", "-t5m", "--long=true"),
                Arbitraries.of(GOOD.toString(), DAMAGED.toString(), GOOD.getParent().resolve("missing").toString()),
                Shapes.text("abc-=@:/ 0123456789ms\\u00e9", List.of("key", "value", "300", "PT5M", "-1", "x y")));
        return word.list().ofMaxSize(7);
    }

    @Property
    void anyArguments_exitWithADocumentedCode_andNoStackTrace(@ForAll("argv") List<String> args) {
        long size = args.stream().mapToLong(String::length).sum();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Integer exit = RUN.call(size, () -> Larder.run(args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(stderr).isIn(0, 1, 2);
        assertThat(stderr).doesNotContain("\tat ").doesNotContain("Exception in thread").doesNotContain("Caused by:");
    }

    @AfterContainer
    static void summary() {
        System.out.println(RUN.summary());
    }
}
