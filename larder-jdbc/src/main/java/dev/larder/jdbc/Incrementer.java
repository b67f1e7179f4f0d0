package dev.larder.jdbc;

import dev.larder.CacheKeyNotFoundException;
import dev.larder.spi.CacheKey;
import dev.larder.spi.ValueCodec;
import dev.larder.support.Counters;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * {@code incr} as a compare-and-set loop: read the row, add, and write the sum only if the row
 * still holds the value and expiry that were read, else read again. Concurrent incrs lose no
 * update, the entry keeps its expiry, and no row is locked between the read and the write.
 */
final class Incrementer {
    private static final int INCR_ATTEMPTS = 1000;

    private final TableRows rows;
    private final ValueCodec codec;
    private final Clock clock;

    Incrementer(TableRows rows, ValueCodec codec, Clock clock) {
        this.rows = rows;
        this.codec = codec;
        this.clock = clock;
    }

    /** Adds {@code delta} to the live counter stored under {@code stored} and returns the sum. */
    long incr(Connection c, CacheKey key, String stored, long delta) throws SQLException {
        for (int attempt = 0; attempt < INCR_ATTEMPTS; attempt++) {
            long now = clock.millis();
            TableRows.Row row = rows.read(c, stored);
            if (row == null || row.expires() <= now) {
                throw new CacheKeyNotFoundException(key.value());
            }
            Object current = rows.decode(key, row);
            if (current == null) {
                // Bytes that do not decode are a miss everywhere, so incr finds no key.
                throw new CacheKeyNotFoundException(key.value());
            }
            long result = Counters.add(key, current, delta);
            // Compare-and-set: only if nobody changed the row since we read it.
            if (rows.compareAndSet(c, stored, codec.encode(key, result), row)) {
                return result;
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        throw new SQLException("incr of key '" + key + "' lost the race " + INCR_ATTEMPTS + " times in a row");
    }
}
