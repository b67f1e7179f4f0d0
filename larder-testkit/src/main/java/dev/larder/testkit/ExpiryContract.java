package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.larder.Cache;
import dev.larder.Timeout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Timeouts: the default, exact expiry on the fake clock, zero, negative, never, huge, and
 * {@code touch}; the one real-time test for a backend whose server keeps the time.
 */
abstract class ExpiryContract extends ContractGroup {
    ExpiryContract(Fixture fixture) {
        super(fixture);
    }

    @Test
    void entry_expiresExactlyAtItsTimeout() {
        requireCacheClock();
        cache.set("key", "v", Timeout.ofSeconds(10));
        clock.advance(Duration.ofMillis(9_999));
        assertThat(cache.get("key")).isEqualTo("v");
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("key")).isNull();
        assertThat(cache.hasKey("key")).isFalse();
    }

    @Test
    void defaultTimeout_isTheConfiguredOne() {
        requireCacheClock();
        Cache shortLived = newCache(b -> b.timeout(Timeout.ofSeconds(5)));
        shortLived.set("key", "v");
        clock.advanceSeconds(4);
        assertThat(shortLived.get("key")).isEqualTo("v");
        clock.advanceSeconds(1);
        assertThat(shortLived.get("key")).isNull();
    }

    @Test
    void defaultTimeout_isDjangos300Seconds() {
        requireCacheClock();
        cache.set("key", "v");
        clock.advanceSeconds(299);
        assertThat(cache.hasKey("key")).isTrue();
        clock.advanceSeconds(1);
        assertThat(cache.hasKey("key")).isFalse();
    }

    @Test
    void never_keepsEntryForAYear() {
        requireCacheClock();
        cache.set("key", "v", Timeout.NEVER);
        clock.advance(Duration.ofDays(365));
        assertThat(cache.get("key")).isEqualTo("v");
    }

    @Test
    void zeroTimeout_setStoresNothingAndRemovesOldValue() {
        cache.set("key", "old");
        cache.set("key", "new", Timeout.ZERO);
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void zeroTimeout_addReturnsTrueButGetMisses() {
        assertThat(cache.add("key", "v", Timeout.ofSeconds(0))).isTrue();
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void negativeTimeout_isAlreadyExpired() {
        cache.set("key", "v", Timeout.ofSeconds(-5));
        assertThat(cache.hasKey("key")).isFalse();
    }

    @Test
    void add_overExpiredEntry_succeeds() {
        requireCacheClock();
        cache.set("key", "old", Timeout.ofSeconds(1));
        clock.advanceSeconds(1);
        assertThat(cache.add("key", "new")).isTrue();
        assertThat(cache.get("key")).isEqualTo("new");
    }

    @Test
    void delete_expiredEntry_returnsFalse() {
        requireCacheClock();
        cache.set("key", "v", Timeout.ofSeconds(1));
        clock.advanceSeconds(2);
        assertThat(cache.delete("key")).isFalse();
    }

    @Test
    void touch_liveKey_setsNewExpiry() {
        requireCacheClock();
        cache.set("key", "v", Timeout.ofSeconds(10));
        clock.advanceSeconds(5);
        assertThat(cache.touch("key", Timeout.ofSeconds(60))).isTrue();
        clock.advanceSeconds(30);
        assertThat(cache.get("key")).isEqualTo("v");
        clock.advanceSeconds(30);
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void touch_never_makesKeyPermanent() {
        requireCacheClock();
        cache.set("key", "v", Timeout.ofSeconds(1));
        assertThat(cache.touch("key", Timeout.NEVER)).isTrue();
        clock.advance(Duration.ofDays(30));
        assertThat(cache.get("key")).isEqualTo("v");
    }

    @Test
    void touch_zero_expiresKeyAndReturnsTrue() {
        cache.set("key", "v");
        assertThat(cache.touch("key", Timeout.ZERO)).isTrue();
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void touch_missingKey_returnsFalse() {
        assertThat(cache.touch("missing")).isFalse();
        assertThat(cache.touch("missing", Timeout.NEVER)).isFalse();
        assertThat(cache.hasKey("missing")).isFalse();
    }

    @Test
    void touch_never_onAPermanentKey_returnsTrue() {
        cache.set("key", "v", Timeout.NEVER);
        assertThat(cache.touch("key", Timeout.NEVER)).isTrue();
        assertThat(cache.get("key")).isEqualTo("v");
    }

    @Test
    void touch_expiredKey_returnsFalse() {
        requireCacheClock();
        cache.set("key", "v", Timeout.ofSeconds(1));
        clock.advanceSeconds(1);
        assertThat(cache.touch("key")).isFalse();
    }

    @Test
    void incr_keepsTheExpiry() {
        requireCacheClock();
        cache.set("n", 1, Timeout.ofSeconds(10));
        clock.advanceSeconds(5);
        cache.incr("n");
        clock.advanceSeconds(5);
        assertThat(cache.hasKey("n")).isFalse();
    }

    @Test
    void getOrSet_storesWithTheGivenTimeout() {
        requireCacheClock();
        cache.getOrSet("key", () -> "v", Timeout.ofSeconds(10));
        clock.advanceSeconds(9);
        assertThat(cache.get("key")).isEqualTo("v");
        clock.advanceSeconds(1);
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void incrVersion_givesTheMovedEntryTheDefaultTimeout() {
        requireCacheClock();
        cache.set("key", "v", Timeout.ofSeconds(10));
        cache.incrVersion("key");
        clock.advanceSeconds(100);
        assertThat(cache.version(2).get("key")).as("default is 300 s, not the 10 s it had").isEqualTo("v");
        clock.advanceSeconds(200);
        assertThat(cache.version(2).get("key")).isNull();
    }

    @Test
    void hugeTimeouts_keepTheEntry() {
        cache.set("key", "v", Timeout.of(Duration.ofSeconds(Long.MAX_VALUE)));
        cache.set("millis", "v", Timeout.ofMillis(Long.MAX_VALUE));
        cache.set("year", "v", Timeout.of(Duration.ofDays(365)));
        cache.set("month", "v", Timeout.of(Duration.ofDays(31)));
        assertThat(cache.getMany(List.of("key", "millis", "year", "month"))).hasSize(4);
        assertThat(cache.add("month", "other", Timeout.of(Duration.ofDays(40)))).isFalse();
        assertThat(cache.touch("year", Timeout.of(Duration.ofDays(400)))).isTrue();
        assertThat(cache.get("year")).isEqualTo("v");
    }

    @Test
    void realTime_entryExpiresOnTheServersClock() throws InterruptedException {
        assumeThat(capabilities().serverClock()).as("only a server-clock backend needs real time").isTrue();
        assumeThat(capabilities().stores()).isTrue();
        long start = System.nanoTime();
        cache.set("short", "v", Timeout.ofSeconds(1));
        cache.set("long", "v", Timeout.ofSeconds(60));
        assertThat(cache.get("short")).isEqualTo("v");
        // Whole seconds on Memcached: gone after one second and before three.
        while (cache.hasKey("short")) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            Thread.sleep(50);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(cache.get("long")).isEqualTo("v");
    }

    @Test
    void hugeTimeout_doesNotOverflowIntoThePast() {
        requireCacheClock();
        cache.set("key", "v", Timeout.of(Duration.ofSeconds(Long.MAX_VALUE)));
        cache.set("millis", "v", Timeout.ofMillis(Long.MAX_VALUE));
        clock.advance(Duration.ofDays(365L * 100));
        assertThat(cache.get("key")).isEqualTo("v");
        assertThat(cache.get("millis")).isEqualTo("v");
    }
}
