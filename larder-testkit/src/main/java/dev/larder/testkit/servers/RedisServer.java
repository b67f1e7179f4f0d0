package dev.larder.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@code redis-server} child process on a free loopback port, keeping nothing on disk.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *     CacheConfig.builder().backend("redis").location(redis.uri());
 *     redis.kill();      // as a crash would
 *     redis.restart();   // same port, empty
 * }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {
    static final String PACKAGE = "redis-server";

    private final Path dir;
    private final boolean ownsDir;
    private final ServerProcess process;
    private final String password;
    private final boolean tls;

    private RedisServer(Path dir, boolean ownsDir, int port, Path configFile, List<String> extraArgs) {
        this(dir, ownsDir, port, configFile, extraArgs, port);
    }

    private RedisServer(Path dir, boolean ownsDir, int port, Path configFile, List<String> extraArgs, int listenPort) {
        this.dir = dir;
        this.ownsDir = ownsDir;
        List<String> command = new ArrayList<>(List.of(Installed.require("redis-server", PACKAGE).toString()));
        if (configFile != null) {
            // redis-server reads a configuration file only as its first argument.
            command.add(configFile.toString());
        }
        command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", dir.toString(), "--daemonize", "no"));
        command.addAll(extraArgs);
        int pass = extraArgs.indexOf("--requirepass");
        this.password = pass >= 0 ? extraArgs.get(pass + 1) : null;
        this.tls = extraArgs.contains("--tls-port");
        this.process = new ServerProcess("redis-" + listenPort, command, dir, listenPort);
    }

    /**
     * Starts a server that speaks only TLS, with a certificate for {@code 127.0.0.1} signed by
     * a certificate authority of its own, {@link #caCertificate()} (made with {@code openssl}).
     */
    public static RedisServer startTls() {
        Path dir = TempDirs.create("redis-tls");
        Path openssl = Installed.require("openssl", "openssl");
        Path ext = dir.resolve("ext.cnf");
        try {
            Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String o = openssl.toString();
        run(List.of(o, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("ca.key").toString(),
                "-out", dir.resolve("ca.crt").toString(), "-days", "2", "-subj", "/CN=larder-test-ca"));
        run(List.of(o, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("server.key").toString(),
                "-out", dir.resolve("server.csr").toString(), "-subj", "/CN=127.0.0.1"));
        run(List.of(o, "x509", "-req", "-in", dir.resolve("server.csr").toString(), "-CA", dir.resolve("ca.crt").toString(),
                "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-out", dir.resolve("server.crt").toString(),
                "-days", "2", "-extfile", ext.toString()));
        int port = FreePorts.next();
        RedisServer server = new RedisServer(dir, true, 0, null, List.of("--tls-port", Integer.toString(port),
                "--tls-cert-file", "server.crt", "--tls-key-file", "server.key", "--tls-ca-cert-file", "ca.crt",
                "--tls-auth-clients", "no"), port);
        server.process.start();
        return server;
    }

    /** The certificate authority that signed a TLS server's certificate (PEM). */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** Starts a server with these extra {@code redis-server} arguments, in a directory of its own. */
    public static RedisServer start(String... extraArgs) {
        return start(TempDirs.create("redis"), true, FreePorts.next(), null, List.of(extraArgs));
    }

    static RedisServer start(Path dir, boolean ownsDir, int port, Path configFile, List<String> extraArgs) {
        RedisServer server = new RedisServer(dir, ownsDir, port, configFile, extraArgs);
        server.process.start();
        return server;
    }

    public int port() {
        return process.port();
    }

    /** {@code redis://127.0.0.1:<port>}, or {@code rediss://} for a TLS server. */
    public String uri() {
        return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port();
    }

    /** The directory the server runs in (its unix socket or config file can go there). */
    public Path dir() {
        return dir;
    }

    /** Runs {@code redis-cli} against this server and returns what it printed, trimmed. */
    public String cli(String... args) {
        List<String> command = new ArrayList<>(List.of(Installed.require("redis-cli", "redis-tools").toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(port())));
        if (password != null) {
            command.addAll(List.of("-a", password, "--no-auth-warning"));
        }
        if (tls) {
            command.addAll(List.of("--tls", "--cacert", caCertificate().toString()));
        }
        command.addAll(List.of(args));
        return run(command);
    }

    /** An {@code INFO} field, such as {@code master_link_status}, or null when absent. */
    public String info(String section, String field) {
        for (String line : cli("INFO", section).split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return null;
    }

    /** How many times the server ran {@code command} since start or {@code CONFIG RESETSTAT}, by its {@code commandstats}. */
    public long calls(String command) {
        String line = info("commandstats", "cmdstat_" + command.toLowerCase(Locale.ROOT));
        return line == null ? 0 : Long.parseLong(line.substring("calls=".length(), line.indexOf(',')));
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public void kill() {
        process.kill();
    }

    /** Suspends the server (SIGSTOP): connections stay open, nothing is answered. */
    public void freeze() {
        process.freeze();
    }

    /** Resumes a frozen server (SIGCONT). */
    public void thaw() {
        process.thaw();
    }

    /** Stops the server politely. */
    public void stop() {
        process.stop();
    }

    /** Starts the server again on the same port, empty. */
    public void restart() {
        process.start();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    @Override
    public void close() {
        process.close();
        if (ownsDir) {
            TempDirs.delete(dir);
        }
    }

    @Override
    public String toString() {
        return "redis-server on port " + port();
    }

    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code check} every 50 ms until it holds, or fails after {@code seconds}. */
    static void awaitTrue(String what, int seconds, BooleanSupplier check) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s waiting for " + what);
            }
            ServerProcess.pause(50);
        }
    }
}
