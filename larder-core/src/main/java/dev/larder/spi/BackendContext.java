package dev.larder.spi;

import java.time.Clock;
import java.util.Objects;

/**
 * What a backend is made from: the configured location and options, the clock to compute
 * expiry with, the cache's codec and statistics.
 *
 * @param alias    the cache's alias, for messages
 * @param location the configured location; its meaning is the backend's (store name,
 *                 directory, server list, table); empty when not configured
 * @param options  the backend's {@code options.*} settings
 * @param clock    the clock every expiry is computed with (a fake one in tests)
 * @param codec    turns values into bytes and back, counting and logging bad bytes
 * @param stats    the cache's counters; backends record evictions and errors here
 */
public record BackendContext(String alias, String location, BackendOptions options, Clock clock,
                             ValueCodec codec, StatsCounter stats) {
    public BackendContext {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(stats, "stats");
    }
}
