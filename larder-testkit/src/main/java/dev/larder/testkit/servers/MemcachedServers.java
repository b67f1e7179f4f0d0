package dev.larder.testkit.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Several {@code memcached} child processes on free loopback ports (64 MiB each, the default
 * 1 MiB item size), for a pool with consistent hashing.
 */
public final class MemcachedServers implements AutoCloseable {
    static final String PACKAGE = "memcached";

    private final Path dir;
    private final List<ServerProcess> servers;

    private MemcachedServers(Path dir, List<ServerProcess> servers) {
        this.dir = dir;
        this.servers = servers;
    }

    /** Starts {@code count} servers. */
    public static MemcachedServers start(int count) {
        Path dir = TempDirs.create("memcached");
        List<ServerProcess> servers = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                servers.add(startOne(dir));
            }
        } catch (RuntimeException e) {
            servers.forEach(ServerProcess::close);
            throw e;
        }
        return new MemcachedServers(dir, servers);
    }

    private static ServerProcess startOne(Path dir) {
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(Installed.require("memcached", PACKAGE).toString(),
                "-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0", "-m", "64", "-t", "2", "-c", "4096"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root"));
        }
        ServerProcess server = new ServerProcess("memcached-" + port, command, dir, port);
        server.start();
        return server;
    }

    public int size() {
        return servers.size();
    }

    /** The port of server {@code index}. */
    public int port(int index) {
        return servers.get(index).port();
    }

    /** {@code 127.0.0.1:<port>} of every server, comma-separated: a cache's location. */
    public String location() {
        return location(servers.size());
    }

    /** The location of the first {@code count} servers only. */
    public String location(int count) {
        return servers.subList(0, count).stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(","));
    }

    /** Kills server {@code index} at once, as a crash would. */
    public void kill(int index) {
        servers.get(index).kill();
    }

    /** Suspends server {@code index} (SIGSTOP): connections stay open, nothing is answered. */
    public void freeze(int index) {
        servers.get(index).freeze();
    }

    /** Resumes a frozen server {@code index} (SIGCONT). */
    public void thaw(int index) {
        servers.get(index).thaw();
    }

    /** Starts server {@code index} again on its port, empty. */
    public void restart(int index) {
        servers.get(index).start();
    }

    /**
     * Sends one text-protocol command to server {@code index} and returns its reply: every line
     * up to {@code END} for {@code get} and {@code stats}, otherwise the first line. With
     * {@code mg <key> t} (memcached's meta get) it tells an entry's remaining time to live:
     * {@code HD t<seconds>}, {@code t-1} for never, or {@code EN} when there is no entry.
     */
    public String command(int index, String line) {
        boolean untilEnd = line.startsWith("get ") || line.startsWith("stats");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(index))) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                reply.append((char) b);
                boolean lineDone = reply.length() >= 2 && reply.charAt(reply.length() - 1) == '\n';
                if (lineDone && (!untilEnd || reply.toString().endsWith("END\r\n"))) {
                    break;
                }
            }
            return reply.toString().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw bytes under {@code key} on server {@code index}, as another client could. */
    public void setRaw(int index, String key, byte[] value) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(index))) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("set " + key + " 0 0 " + value.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(value);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            byte[] reply = new byte[8];
            int n = socket.getInputStream().read(reply);
            String answer = new String(reply, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
            if (!answer.startsWith("STORED")) {
                throw new IllegalStateException("memcached answered " + answer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        servers.forEach(ServerProcess::close);
        TempDirs.delete(dir);
    }
}
