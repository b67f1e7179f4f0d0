package dev.larder.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports on the loopback interface. */
final class FreePorts {
    private FreePorts() {
    }

    /** A port nobody listens on now (another process may still take it before we do). */
    static int next() {
        return next(false);
    }

    /**
     * A free port; with {@code clusterBus}, one below 55536 whose partner {@code port + 10000}
     * is free too, as a Redis Cluster node needs.
     */
    static int next(boolean clusterBus) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = clusterBus ? ThreadLocalRandom.current().nextInt(20_000, 45_000) : 0;
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                int found = socket.getLocalPort();
                if (!clusterBus || isFree(found + 10_000)) {
                    return found;
                }
            } catch (IOException taken) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port found"));
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
