package dev.larder.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of one Redis cache: one shared connection per node, thread-safe and
 * pipelined (many threads' commands travel together without waiting for each other's
 * replies). Writes go to {@link #writer()}; reads to {@link #reader()}, which is a replica for
 * a primary-and-replicas location and otherwise the writer (Sentinel and Cluster route reads by
 * the {@code read-from} option inside Lettuce).
 */
final class RedisNodes implements AutoCloseable {
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final AbstractRedisClient client;
    private final List<StatefulConnection<String, byte[]>> connections;
    private final RedisClusterAsyncCommands<String, byte[]> writer;
    private final List<RedisClusterAsyncCommands<String, byte[]>> readers;
    private final RedisClusterCommands<String, byte[]> admin;
    private final AtomicInteger nextReader = new AtomicInteger();

    private RedisNodes(AbstractRedisClient client, List<StatefulConnection<String, byte[]>> connections,
                       RedisClusterAsyncCommands<String, byte[]> writer, List<RedisClusterAsyncCommands<String, byte[]>> readers,
                       RedisClusterCommands<String, byte[]> admin) {
        this.client = client;
        this.connections = connections;
        this.writer = writer;
        this.readers = readers;
        this.admin = admin;
    }

    /** How to reach the servers; {@code trustedCa} is a PEM file of certificate authorities for TLS, or null. */
    record Settings(Duration commandTimeout, Duration connectTimeout, ReadFrom readFrom, java.nio.file.Path trustedCa) {
        SslOptions ssl() {
            return trustedCa == null ? SslOptions.create()
                    : SslOptions.builder().jdkSslProvider().trustManager(trustedCa.toFile()).build();
        }
    }

    /**
     * Connects to every node of the location now, so that a wrong address or password fails at
     * startup. Lettuce's exceptions propagate; the factory turns them into configuration errors.
     */
    static RedisNodes connect(RedisLocation location, Settings settings, ClientResources resources) {
        for (RedisURI uri : location.uris()) {
            uri.setTimeout(settings.commandTimeout());
            uri.getSentinels().forEach(s -> s.setTimeout(settings.commandTimeout()));
        }
        return location.topology() == RedisLocation.Topology.CLUSTER
                ? cluster(location, settings, resources) : standalone(location, settings, resources);
    }

    private static RedisNodes standalone(RedisLocation location, Settings settings, ClientResources resources) {
        RedisClient client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail at once while the server is away instead of queueing until the timeout.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(socket(settings))
                .sslOptions(settings.ssl())
                .build());
        List<StatefulConnection<String, byte[]>> connections = new ArrayList<>();
        try {
            if (location.topology() == RedisLocation.Topology.SENTINEL) {
                StatefulRedisMasterReplicaConnection<String, byte[]> c = MasterReplica.connect(client, CODEC,
                        location.uris().get(0));
                c.setReadFrom(settings.readFrom());
                connections.add(c);
                return new RedisNodes(client, connections, c.async(), List.of(), c.sync());
            }
            List<RedisClusterAsyncCommands<String, byte[]>> readers = new ArrayList<>();
            StatefulRedisConnection<String, byte[]> primary = null;
            for (RedisURI uri : location.uris()) {
                StatefulRedisConnection<String, byte[]> c = client.connect(CODEC, uri);
                connections.add(c);
                if (primary == null) {
                    primary = c;
                } else {
                    readers.add(c.async());
                }
            }
            return new RedisNodes(client, connections, primary.async(), List.copyOf(readers), primary.sync());
        } catch (RuntimeException e) {
            connections.forEach(StatefulConnection::close);
            client.shutdown(0, 2, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static RedisNodes cluster(RedisLocation location, Settings settings, ClientResources resources) {
        RedisClusterClient client = RedisClusterClient.create(resources, location.uris());
        client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(true)
                // Node connections open on first use; queue commands meanwhile (rejecting them would
                // fail the first command to each node). A dead node still fails within the timeout.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(socket(settings))
                .sslOptions(settings.ssl())
                // Follow slot moves and failovers as they happen, and check now and then anyway.
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .build())
                .build());
        try {
            StatefulRedisClusterConnection<String, byte[]> c = client.connect(CODEC);
            c.setReadFrom(settings.readFrom());
            return new RedisNodes(client, List.of(c), c.async(), List.of(), c.sync());
        } catch (RuntimeException e) {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static SocketOptions socket(Settings settings) {
        return SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build();
    }

    /** A Cluster's topology as its client sees it (refreshed on failovers and slot moves); null for other locations. */
    java.util.function.Supplier<io.lettuce.core.cluster.models.partitions.Partitions> partitions() {
        return client instanceof RedisClusterClient cluster ? cluster::getPartitions : null;
    }

    /** Asks a Cluster's client to read the topology again now; null for other locations. */
    Runnable topologyRefresh() {
        return client instanceof RedisClusterClient cluster ? cluster::refreshPartitionsAsync : null;
    }

    RedisClusterAsyncCommands<String, byte[]> writer() {
        return writer;
    }

    /** The next replica, round robin, or the writer when there are none. */
    RedisClusterAsyncCommands<String, byte[]> reader() {
        if (readers.isEmpty()) {
            return writer;
        }
        return readers.get(Math.floorMod(nextReader.getAndIncrement(), readers.size()));
    }

    /** Blocking commands on the primary (or the whole Cluster) for {@code SCAN} and {@code FLUSHDB}. */
    RedisClusterCommands<String, byte[]> admin() {
        return admin;
    }

    @Override
    public void close() {
        connections.forEach(StatefulConnection::close);
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
