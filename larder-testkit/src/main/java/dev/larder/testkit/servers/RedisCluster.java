package dev.larder.testkit.servers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A six-node Redis Cluster (three primaries, each with a replica) made with
 * {@code redis-cli --cluster create}, every node a child process on a free loopback port.
 */
public final class RedisCluster implements AutoCloseable {
    private final List<RedisServer> nodes;
    private final Path dir;

    private RedisCluster(List<RedisServer> nodes, Path dir) {
        this.nodes = nodes;
        this.dir = dir;
    }

    /**
     * Starts six nodes, joins them into a cluster and waits until every node says it is ok and
     * every replica is in sync with its primary.
     */
    public static RedisCluster start() {
        Path dir = TempDirs.create("cluster");
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                int port = FreePorts.next(true);
                Path nodeDir = dir.resolve("node-" + port);
                nodeDir.toFile().mkdirs();
                nodes.add(RedisServer.start(nodeDir, false, port, null, List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000",
                        // Replicas sync at once (the default waits 5 s for more replicas to batch).
                        "--repl-diskless-sync-delay", "0")));
            }
            List<String> create = new ArrayList<>(List.of(Installed.require("redis-cli", "redis-tools").toString(),
                    "--cluster", "create"));
            nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            RedisServer.run(create);
            RedisCluster cluster = new RedisCluster(nodes, dir);
            for (RedisServer node : nodes) {
                RedisServer.awaitTrue("cluster_state:ok on " + node, 30,
                        () -> node.cli("CLUSTER", "INFO").contains("cluster_state:ok"));
            }
            // A replica that never finished its first sync cannot take over from its primary.
            for (RedisServer node : nodes) {
                RedisServer.awaitTrue("replica " + node + " in sync", 30,
                        () -> !"slave".equals(node.info("replication", "role"))
                                || "up".equals(node.info("replication", "master_link_status")));
            }
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            TempDirs.delete(dir);
            throw e;
        }
    }

    public List<RedisServer> nodes() {
        return List.copyOf(nodes);
    }

    /** Every node as {@code redis://127.0.0.1:<port>}, comma-separated: seeds for a cluster client. */
    public String location() {
        return nodes.stream().map(RedisServer::uri).collect(Collectors.joining(","));
    }

    /** The nodes that are primaries now. */
    public List<RedisServer> primaries() {
        return nodes.stream().filter(n -> "master".equals(n.info("replication", "role"))).toList();
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
        TempDirs.delete(dir);
    }
}
