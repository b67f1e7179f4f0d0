package dev.larder.spi;

import dev.larder.ConfigNames;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend is made from: the configured location and options, the clock to compute
 * expiry with, the cache's codec and statistics, how its keys are scoped, and any objects the
 * application attached to the configuration in code.
 *
 * @param alias              the cache's alias, for messages
 * @param location           the configured location; its meaning is the backend's (store name,
 *                           directory, server list, table); empty when not configured
 * @param options            the backend's {@code options.*} settings
 * @param clock              the clock every expiry is computed with (a fake one in tests)
 * @param codec              turns values into bytes and back, counting and logging bad bytes
 * @param stats              the cache's counters; backends record evictions and errors here
 * @param keyPrefix          the configured key prefix; with the default key function every
 *                           stored key starts with {@code keyPrefix + ":"}, so a backend on a
 *                           shared server can find this cache's keys (Redis {@code clear})
 * @param defaultKeyFunction whether keys are made by the default {@code prefix:version:key}
 * @param attachments        objects given in code with {@code CacheConfig.Builder.attach},
 *                           by type, such as a {@code javax.sql.DataSource}
 */
public record BackendContext(String alias, String location, BackendOptions options, Clock clock,
                             ValueCodec codec, StatsCounter stats, String keyPrefix, boolean defaultKeyFunction,
                             Map<Class<?>, Object> attachments) {
    public BackendContext {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        attachments = Map.copyOf(attachments);
    }

    /** The object of that type attached to the configuration in code, if any. */
    public <T> Optional<T> attachment(Class<T> type) {
        return Optional.ofNullable(attachments.get(type)).map(type::cast);
    }

    /** {@code larder.caches.<alias>.<setting>}, the property a message about a setting names. */
    public String property(String setting) {
        return ConfigNames.setting(alias, setting);
    }
}
