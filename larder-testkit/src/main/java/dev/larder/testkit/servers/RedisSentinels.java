package dev.larder.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Redis primary, a replica, and a Sentinel watching them under the master name
 * {@value #MASTER}: the setup a {@code redis-sentinel://} location points at.
 */
public final class RedisSentinels implements AutoCloseable {
    /** The master name the sentinel monitors. */
    public static final String MASTER = "larder";

    private final RedisReplicaSet servers;
    private final RedisServer sentinel;

    private RedisSentinels(RedisReplicaSet servers, RedisServer sentinel) {
        this.servers = servers;
        this.sentinel = sentinel;
    }

    public static RedisSentinels start() {
        RedisReplicaSet servers = RedisReplicaSet.start();
        Path dir = TempDirs.create("sentinel");
        int port = FreePorts.next();
        Path conf = dir.resolve("sentinel.conf");
        try {
            Files.writeString(conf, String.join("\n",
                    "sentinel monitor " + MASTER + " 127.0.0.1 " + servers.primary().port() + " 1",
                    "sentinel down-after-milliseconds " + MASTER + " 1000",
                    "sentinel failover-timeout " + MASTER + " 5000", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisServer sentinel = RedisServer.start(dir, true, port, conf, List.of("--sentinel"));
        RedisSentinels set = new RedisSentinels(servers, sentinel);
        RedisServer.awaitTrue("the sentinel to see the replica", 20,
                () -> sentinel.cli("SENTINEL", "replicas", MASTER).contains(Integer.toString(servers.replica().port())));
        return set;
    }

    public RedisServer primary() {
        return servers.primary();
    }

    public RedisServer replica() {
        return servers.replica();
    }

    public RedisServer sentinel() {
        return sentinel;
    }

    /** {@code redis-sentinel://127.0.0.1:<port>#larder}. */
    public String location() {
        return "redis-sentinel://127.0.0.1:" + sentinel.port() + "#" + MASTER;
    }

    @Override
    public void close() {
        sentinel.close();
        servers.close();
    }
}
