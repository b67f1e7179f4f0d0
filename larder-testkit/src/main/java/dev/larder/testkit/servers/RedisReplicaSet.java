package dev.larder.testkit.servers;

import java.util.List;

/**
 * A Redis primary and one replica following it: Django's "several servers" setup, where
 * writes go to the first location and reads to the others.
 */
public final class RedisReplicaSet implements AutoCloseable {
    private final RedisServer primary;
    private final RedisServer replica;

    private RedisReplicaSet(RedisServer primary, RedisServer replica) {
        this.primary = primary;
        this.replica = replica;
    }

    /** Starts both and waits until the replica has synchronised. */
    public static RedisReplicaSet start() {
        RedisServer primary = RedisServer.start();
        RedisServer replica = RedisServer.start("--replicaof", "127.0.0.1", Integer.toString(primary.port()));
        RedisReplicaSet set = new RedisReplicaSet(primary, replica);
        RedisServer.awaitTrue("the replica to synchronise", 20, () -> "up".equals(replica.info("replication", "master_link_status")));
        return set;
    }

    public RedisServer primary() {
        return primary;
    }

    public RedisServer replica() {
        return replica;
    }

    /** {@code redis://primary,redis://replica}: the location of a cache over both. */
    public String location() {
        return primary.uri() + "," + replica.uri();
    }

    /** Waits until the replica has applied everything the primary has written so far. */
    public void awaitReplication() {
        RedisServer.awaitTrue("replication to catch up", 10, () -> {
            String done = replica.info("replication", "slave_repl_offset");
            String wanted = primary.info("replication", "master_repl_offset");
            return done != null && wanted != null && Long.parseLong(done) >= Long.parseLong(wanted);
        });
    }

    @Override
    public void close() {
        for (RedisServer s : List.of(replica, primary)) {
            s.close();
        }
    }
}
