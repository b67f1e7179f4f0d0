package dev.larder.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Cache;
import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.InvalidCacheKeyException;
import dev.larder.KeyFunction;
import dev.larder.testing.LogCapture;
import dev.larder.testkit.servers.LarderServers;
import dev.larder.testkit.servers.MemcachedServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keys on Memcached, against Django 3.2's {@code PyMemcacheCache} with {@code KEY_PREFIX='django'}
 * on a real memcached: a key Django's check refuses raises {@code InvalidCacheKey} with the
 * warning's text and warns nothing, before anything is sent.
 */
@ExtendWith(LarderServers.class)
class MemcachedKeysTest {
    private static final String EMOJI = "\uD83D\uDE00";
    private final MemcachedServers servers;
    private final List<CacheRegistry> registries = new ArrayList<>();
    private LogCapture warnings;

    MemcachedKeysTest(MemcachedServers servers) {
        this.servers = servers;
    }

    @BeforeEach
    void listen() {
        warnings = LogCapture.of("dev.larder.keys");
    }

    @AfterEach
    void close() {
        warnings.close();
        registries.forEach(CacheRegistry::close);
    }

    private Cache cache(String prefix, KeyFunction function) {
        CacheConfig.Builder b = CacheConfig.builder().backend("memcached").location(servers.location()).keyPrefix(prefix);
        if (function != null) {
            b.keyFunction(function);
        }
        CacheRegistry r = CacheRegistry.builder().cache("default", b.build()).build();
        registries.add(r);
        return r.defaultCache();
    }

    @Test
    void keysDjangoRefuses_raiseDjangosMessage_andWarnNothing() {
        Cache cache = cache("django", null);
        // Django 3.2: each call raises InvalidCacheKey with exactly this message, and no warning.
        assertThatThrownBy(() -> cache.set("a".repeat(300), 1)).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessage("Cache key will cause errors if used with memcached: 'django:1:" + "a".repeat(300)
                        + "' (longer than 250)");
        assertThatThrownBy(() -> cache.set(" ".repeat(300), 1)).as("too long comes first")
                .isInstanceOf(InvalidCacheKeyException.class)
                .hasMessage("Cache key will cause errors if used with memcached: 'django:1:" + " ".repeat(300)
                        + "' (longer than 250)");
        assertThatThrownBy(() -> cache.get("with space")).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessage("Cache key contains characters that will cause errors if used with memcached: 'django:1:with space'");
        assertThatThrownBy(() -> cache.getMany(List.of("fine", "tab\there"))).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessage("Cache key contains characters that will cause errors if used with memcached: 'django:1:tab\\there'");
        assertThatThrownBy(() -> cache.incr("new\nline")).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessage("Cache key contains characters that will cause errors if used with memcached: 'django:1:new\\nline'");
        assertThatThrownBy(() -> cache.set("it's x", 1)).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessage("Cache key contains characters that will cause errors if used with memcached: \"django:1:it's x\"");
        assertThatThrownBy(() -> cache.deleteMany(List.of("ok", "b c"))).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessage("Cache key contains characters that will cause errors if used with memcached: 'django:1:b c'");
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void setMany_withOneBadKey_storesNothing() {
        Cache cache = cache("t" + UUID.randomUUID().toString().substring(0, 8), null);
        // Django 3.2: set_many({'ok': 1, 'b c': 2}) raises InvalidCacheKey; get('ok') is then None.
        assertThatThrownBy(() -> cache.setMany(Map.of("ok", 1, "b c", 2))).isInstanceOf(InvalidCacheKeyException.class);
        assertThat(cache.get("ok")).isNull();
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void nonAsciiSpaces_areStored() {
        Cache cache = cache("t" + UUID.randomUUID().toString().substring(0, 8), null);
        // Django 3.2: set('a\x85b', 1) and set('a\xa0b', 1) store; get gives 1.
        cache.set("a\u0085b", 1);
        cache.set("a\u00A0b", 1);
        assertThat(cache.get("a\u0085b")).isEqualTo(1L);
        assertThat(cache.get("a\u00A0b")).isEqualTo(1L);
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void keysOnlyTheClientRefuses_areInvalidCacheKeys_too() {
        Cache cache = cache("django", null);
        // Django 3.2: 'django:1:' + 241 emoji is 250 characters, so Django's check passes it, and
        // pymemcache raises MemcacheIllegalInputError("Key is too long: b'django:1:\xf0...'").
        assertThatThrownBy(() -> cache.set(EMOJI.repeat(241), 1)).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessage("Cache key will cause errors if used with memcached: 'django:1:" + EMOJI.repeat(241)
                        + "' (longer than 250 bytes)");
        // KEY_FUNCTION = lambda key, prefix, version: key: set('', 1) sends an empty key, and
        // pymemcache raises MemcacheUnknownCommandError(b'set') from the server's ERROR.
        Cache bare = cache("", (key, prefix, version) -> key);
        assertThatThrownBy(() -> bare.set("", 1)).isInstanceOf(InvalidCacheKeyException.class)
                .hasMessage("Memcached cannot take an empty key");
        assertThat(warnings.messages()).isEmpty();
    }
}
