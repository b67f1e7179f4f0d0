package dev.larder.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheConfigException;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.RedisServer;
import dev.larder.testkit.servers.TestDatabase;
import dev.larder.testkit.servers.UseDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code larder.hibernate.consistency=bounded-staleness} on PostgreSQL and a real redis-server
 * with the near cache on: hits send nothing to Redis, this process's commits are seen at once,
 * another node's once Redis's invalidation arrives; and the modes a cache cannot keep are
 * refused at startup.
 */
@ExtendWith(LarderServers.class)
class BoundedStalenessTest {
    private static final Map<String, String> BOUNDED = Map.of(LarderIntegrator.CONSISTENCY, "bounded-staleness");
    /** Commands a tracking connection sends on its own (heartbeat, arming), not on behalf of a read. */
    private static final Set<String> HOUSEKEEPING = Set.of("ping", "config", "info", "hello", "client");

    private final RedisServer redis;
    private final String url;
    private final List<AutoCloseable> opened = new ArrayList<>();

    BoundedStalenessTest(RedisServer redis, @UseDatabase(TestDatabase.Kind.POSTGRESQL) TestDatabase database) {
        this.redis = redis;
        this.url = database.url();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** A registry of one's own (one node's), its default cache on the shared redis-server. */
    private CacheRegistry registry(boolean nearCache) {
        CacheConfig.Builder config = CacheConfig.builder().backend("redis").location(redis.uri()).keyPrefix("models");
        if (nearCache) {
            config.option("near-cache.enabled", "true");
        }
        CacheRegistry registry = CacheRegistry.builder().cache("default", config.build()).build();
        opened.add(registry);
        return registry;
    }

    private CacheRegistry nearCache() {
        return registry(true);
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** Node A creates the schema, node B shares it; each has its own registry, so its own near cache. */
    private Orm[] twoNodes() {
        Orm a = open(Orm.creating(url, nearCache(), BOUNDED));
        Orm b = open(Orm.on(url, nearCache(), BOUNDED));
        a.models.cache().clear();
        return new Orm[] {a, b};
    }

    private static String motherName(Orm node, long alice) {
        return node.tx(s -> node.models.get(s, Child.class, alice, "mother").mother.name);
    }

    private static void rename(Orm node, long parent, String name) {
        node.run(s -> s.find(Parent.class, parent).name = name);
    }

    /** Commands Redis ran since the last {@code CONFIG RESETSTAT}, housekeeping left out. */
    private long commandsSent() {
        long sum = 0;
        for (String line : redis.cli("INFO", "commandstats").split("\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                if (!HOUSEKEEPING.contains(name.split("\\|")[0])) {
                    sum += Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
                }
            }
        }
        return sum;
    }

    /** Waits (at most 10 s) for something the Redis event loop does, such as handling a pushed invalidation. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            LockSupport.parkNanos(200_000);
        }
    }

    @Test
    void hitOfAChildWithBothParents_sendsNoRedisCommand() {
        Orm node = open(Orm.creating(url, nearCache(), BOUNDED));
        node.models.cache().clear();
        long alice = node.seedMumAndAlice().alice();
        motherName(node, alice);
        motherName(node, alice);
        long hits = node.models.stats().hits();
        long localHits = node.models.cache().stats().localHits();
        redis.cli("CONFIG", "RESETSTAT");

        for (int i = 0; i < 10; i++) {
            assertThat(motherName(node, alice)).isEqualTo("Mum");
        }

        assertThat(commandsSent()).isZero();
        assertThat(node.models.stats().hits() - hits).isEqualTo(10);
        assertThat(node.models.cache().stats().localHits() - localHits).isGreaterThanOrEqualTo(10 * 2);
        assertThat(node.models.consistency()).isEqualTo(Consistency.BOUNDED_STALENESS);
    }

    @Test
    void commitOnNodeA_isSeenOnNodeB_onceTheInvalidationArrives_andTheOldValueNeverAfter() {
        Orm[] nodes = twoNodes();
        Orm a = nodes[0];
        Orm b = nodes[1];
        Orm.Seeded seeded = a.seedMumAndAlice();
        assertThat(motherName(b, seeded.alice())).isEqualTo("Mum");
        assertThat(motherName(b, seeded.alice())).isEqualTo("Mum");
        Cache onB = b.models.cache();
        long invalidations = onB.stats().invalidations();

        rename(a, seeded.mum(), "Mother");
        await(() -> onB.stats().invalidations() > invalidations, "node B's invalidation of Mum's stamp");

        for (int i = 0; i < 20; i++) {
            assertThat(motherName(b, seeded.alice())).isEqualTo("Mother");
        }
        assertThat(b.models.stats().hits()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void commitOnNodeA_isSeenOnNodeA_atOnce() {
        Orm[] nodes = twoNodes();
        Orm a = nodes[0];
        Orm.Seeded seeded = a.seedMumAndAlice();
        motherName(a, seeded.alice());
        assertThat(motherName(a, seeded.alice())).isEqualTo("Mum");
        long hits = a.models.stats().hits();

        for (int i = 1; i <= 20; i++) {
            rename(a, seeded.mum(), "Mother " + i);
            assertThat(motherName(a, seeded.alice())).isEqualTo("Mother " + i);
            assertThat(motherName(a, seeded.alice())).isEqualTo("Mother " + i);
        }
        assertThat(a.models.stats().hits() - hits).as("the second read of each name is a hit").isEqualTo(20);
    }

    @Test
    void writersOwnSession_readsThroughItself_whileTheOtherNodeSeesTheCommittedValue() {
        Orm[] nodes = twoNodes();
        Orm a = nodes[0];
        Orm b = nodes[1];
        Orm.Seeded seeded = a.seedMumAndAlice();
        motherName(a, seeded.alice());
        motherName(b, seeded.alice());
        motherName(b, seeded.alice());

        a.run(s -> {
            s.find(Parent.class, seeded.mum()).name = "Mother";
            s.flush();
            assertThat(a.models.get(s, Child.class, seeded.alice(), "mother").mother.name).isEqualTo("Mother");
            assertThat(motherName(b, seeded.alice())).isEqualTo("Mum");
            assertThat(motherName(a, seeded.alice())).as("another session on the writer's node").isEqualTo("Mum");
        });

        assertThat(motherName(a, seeded.alice())).isEqualTo("Mother");
        await(() -> "Mother".equals(motherName(b, seeded.alice())), "node B reading the committed name");
        assertThat(motherName(b, seeded.alice())).isEqualTo("Mother");
    }

    @Test
    void strictMode_onACacheWithANearCache_isRefusedAtStartup() {
        CacheRegistry near = nearCache();
        assertThatThrownBy(() -> open(Orm.creating(url, near, Map.of())))
                .satisfies(e -> assertThat(configError(e).getMessage())
                        .contains("larder.hibernate.consistency=strict", "cache 'default' has a near cache",
                                "larder.hibernate.consistency=bounded-staleness",
                                "larder.hibernate.cache at a cache without near-cache.enabled"));
        assertThatThrownBy(() -> open(Orm.creating(url, near, Map.of(LarderIntegrator.CONSISTENCY, "strict"))))
                .satisfies(e -> assertThat(configError(e)).hasMessageContaining("has a near cache"));
    }

    @Test
    void boundedStaleness_onASharedCacheWithoutANearCache_isRefusedAtStartup() {
        CacheRegistry plain = registry(false);
        assertThatThrownBy(() -> open(Orm.creating(url, plain, BOUNDED)))
                .satisfies(e -> assertThat(configError(e).getMessage())
                        .contains("larder.hibernate.consistency=bounded-staleness", "cache 'default' has none",
                                "larder.caches.default.near-cache.enabled=true",
                                "leave larder.hibernate.consistency at strict"));
    }

    @Test
    void boundedStaleness_onLocalMemory_isAccepted() {
        CacheRegistry local = CacheRegistry.builder().cache("default", CacheConfig.builder().backend("locmem")
                .location("bounded").build()).build();
        opened.add(local);
        Orm node = open(Orm.creating(Orm.h2Url(), local, BOUNDED));
        long alice = node.seedMumAndAlice().alice();
        motherName(node, alice);
        assertThat(motherName(node, alice)).isEqualTo("Mum");
        assertThat(node.models.stats().hits()).isEqualTo(1);
        assertThat(node.models.consistency()).isEqualTo(Consistency.BOUNDED_STALENESS);
    }

    @Test
    void anUnknownConsistency_isRefusedAtStartup_namingTheValue() {
        CacheRegistry plain = registry(false);
        assertThatThrownBy(() -> open(Orm.creating(url, plain, Map.of(LarderIntegrator.CONSISTENCY, "eventual"))))
                .satisfies(e -> assertThat(configError(e))
                        .hasMessage("larder.hibernate.consistency: 'eventual' is not strict or bounded-staleness"));
    }

    @Test
    void strictIsTheDefault() {
        Orm node = open(Orm.creating(url, registry(false), Map.of()));
        assertThat(node.models.consistency()).isEqualTo(Consistency.STRICT);
    }

    /** The configuration error, however Hibernate wrapped it on the way out of the session factory's start. */
    private static CacheConfigException configError(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof CacheConfigException e) {
                return e;
            }
        }
        throw new AssertionError("no CacheConfigException in", thrown);
    }

    /** The whole model-cache contract on one node in bounded-staleness mode: its own writes are seen at once. */
    @Nested
    class Models extends ModelCacheContract {
        Models() {
            super(BoundedStalenessTest.this.nearCache(), BoundedStalenessTest.this.url);
        }

        @Override
        protected Map<String, String> settings() {
            return BOUNDED;
        }
    }

    /** The fill races replayed on one node in bounded-staleness mode: no stale fill is stored or served. */
    @Nested
    class FillRaces extends FillRaceContract {
        FillRaces() {
            super(BoundedStalenessTest.this.nearCache(), BoundedStalenessTest.this.url);
        }

        @Override
        protected Map<String, String> settings() {
            return BOUNDED;
        }
    }
}
