package dev.larder.benchmarks;

import dev.larder.testkit.servers.MemcachedServers;
import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.servers.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One fault the runner injects while the load goes on: what breaks ({@link #inject}), and what
 * brings the server back ({@link #recover}, always run, even when the measurement fails), on
 * which part of the app it is measured ({@link Target}). {@code recover} returns when the server
 * is back: the moment from which "caching resumes" is timed.
 */
record Fault(String name, Target target, Action inject, Action recover) {

    /** A step that may throw anything; the runner reports it. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /**
     * The part of the app a fault hits: the paths the load and the probe ask ({@code paths}),
     * the prefix of one-off paths so that the store keeps being written ({@code unique}), and
     * the prefix under which a fresh path tells whether caching works again ({@code fresh}).
     */
    record Target(String name, List<String> paths, String unique, String fresh) {
        static Target of(String name, String prefix, String unique) {
            List<String> paths = java.util.stream.IntStream.range(0, 50).mapToObj(i -> prefix + i).toList();
            return new Target(name, paths, unique, prefix);
        }

        /** The same paths with no cache in the path. */
        List<String> baseline() {
            return paths.stream().map(p -> "/off" + p).toList();
        }
    }

    static Fault redisKill(Target t, RedisServer redis) {
        return new Fault("Redis: kill -9, restarted on the same port", t, redis::kill, redis::restart);
    }

    static Fault redisFreeze(Target t, RedisServer redis) {
        return new Fault("Redis: SIGSTOP, then SIGCONT", t, redis::freeze, redis::thaw);
    }

    /** {@code DEBUG SLEEP} blocks the server's one thread for {@code hold}, from a client of its own. */
    static Fault redisSleep(Target t, RedisServer redis, Duration hold) {
        AtomicReference<Thread> sleeper = new AtomicReference<>();
        return new Fault("Redis: DEBUG SLEEP " + hold.toSeconds(), t, () -> {
            Thread thread = new Thread(() -> redis.cli("DEBUG", "SLEEP", Long.toString(hold.toSeconds())), "debug-sleep");
            sleeper.set(thread);
            thread.start();
        }, () -> sleeper.get().join());
    }

    /** Writes refused ({@code OOM command not allowed}), reads still answered. */
    static Fault redisFull(Target t, RedisServer redis) {
        return new Fault("Redis: maxmemory 1 byte, noeviction", t, () -> {
            redis.cli("CONFIG", "SET", "maxmemory-policy", "noeviction");
            redis.cli("CONFIG", "SET", "maxmemory", "1");
        }, () -> redis.cli("CONFIG", "SET", "maxmemory", "0"));
    }

    static Fault memcachedKill(Target t, MemcachedServers memcached) {
        return new Fault("Memcached: kill -9, restarted on the same port", t, () -> memcached.kill(0),
                () -> memcached.restart(0));
    }

    static Fault memcachedFreeze(Target t, MemcachedServers memcached) {
        return new Fault("Memcached: SIGSTOP, then SIGCONT", t, () -> memcached.freeze(0), () -> memcached.thaw(0));
    }

    /** A session holding {@code LOCK TABLE ... IN ACCESS EXCLUSIVE MODE}: every read and write of the table waits. */
    static Fault postgresLock(Target t, TestDatabase db, String table) {
        AtomicReference<Connection> holder = new AtomicReference<>();
        return new Fault("PostgreSQL: LOCK TABLE cache table IN ACCESS EXCLUSIVE MODE", t, () -> {
            Connection c = db.connect();
            holder.set(c);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            }
        }, () -> {
            try (Connection c = holder.get()) {
                c.rollback();
            }
        });
    }

    /** {@code pg_terminate_backend} of every other connection to the app's database, twice a second. */
    static Fault postgresTerminate(Target t, TestDatabase db) {
        AtomicReference<Thread> killer = new AtomicReference<>();
        return new Fault("PostgreSQL: pg_terminate_backend of the app's connections, every 500 ms", t, () -> {
            Thread thread = new Thread(() -> terminateUntilInterrupted(db), "terminate-backends");
            killer.set(thread);
            thread.start();
        }, () -> {
            killer.get().interrupt();
            killer.get().join();
        });
    }

    private static void terminateUntilInterrupted(TestDatabase db) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            while (!Thread.currentThread().isInterrupted()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("pg_terminate_backend failed: " + e.getMessage(), e);
        }
    }
}
