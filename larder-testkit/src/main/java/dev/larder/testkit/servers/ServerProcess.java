package dev.larder.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One server child process listening on a loopback port: started, waited for until it accepts
 * connections, and stopped, killed or restarted on the same port. Its output goes to a log
 * file whose tail is shown when it fails to start. The JVM's exit kills it, should a test forget.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final List<String> command;
    private final Path workDir;
    private final int port;
    private final Path log;
    private Process process;
    private final Thread reaper = new Thread(this::destroyNow, "larder-test-server-reaper");

    ServerProcess(String name, List<String> command, Path workDir, int port) {
        this.name = name;
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.port = port;
        this.log = workDir.resolve(name + ".log");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** Starts the process and waits until its port accepts connections. */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " on start: "
                        + String.join(" ", command) + "\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                destroyNow();
                throw new IllegalStateException(name + " did not accept connections on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s\n" + tail());
            }
            pause(20);
        }
    }

    /** Stops the process politely (SIGTERM) and waits for it. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        await(Duration.ofSeconds(10));
    }

    /** Kills the process at once (SIGKILL), as a crash would, and waits until its port is closed. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        await(Duration.ofSeconds(10));
    }

    /**
     * Suspends the process (SIGSTOP): its port still accepts connections, but nothing is
     * answered, as with a server stuck in a long command or a host that stopped responding.
     */
    synchronized void freeze() {
        signal("STOP");
    }

    /** Resumes a process suspended by {@link #freeze()} (SIGCONT). */
    synchronized void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(this.name + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepts() && System.nanoTime() < deadline) {
            pause(20);
        }
    }

    private void destroyNow() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines of the log, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
