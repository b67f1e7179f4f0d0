package dev.larder.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo web app ({@code larder-demo/target/larder-demo.jar}) as a child process on a free
 * loopback port, with the given Spring profiles, its output in a log file; stopped (politely,
 * so that the {@code redis} profile removes its keys) on close.
 */
final class DemoApp implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private final Process process;
    private final Path log;
    private final String base;

    /**
     * Starts the app and waits until {@code readyPath} answers 200.
     *
     * @param jvmArgs options for the app's JVM, such as {@code -Xmx512m}
     * @param redisUrl {@code LARDER_REDIS_URL} (the {@code redis} profile's server)
     * @param postgresUrl {@code LARDER_POSTGRES_URL} (the {@code postgres} profile's database)
     */
    DemoApp(String profiles, List<String> jvmArgs, String redisUrl, String postgresUrl, Path log, String readyPath)
            throws Exception {
        Path jar = jar();
        int port = Nginx.freePort();
        this.log = log;
        this.base = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--spring.profiles.active=" + profiles));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LARDER_REDIS_URL", redisUrl);
        builder.environment().put("LARDER_POSTGRES_URL", postgresUrl);
        process = builder.start();
        try {
            awaitReady(base + readyPath);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** The jar {@code mvn -pl larder-demo -am package} builds, or {@code -Dlarder.demo.jar}. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("larder.demo.jar", "larder-demo/target/larder-demo.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: mvn -pl larder-demo -am package -DskipTests");
        }
        return jar;
    }

    String base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    private void awaitReady(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the demo exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the demo did not answer " + url + " within " + START_TIMEOUT.toSeconds()
                + " s; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
