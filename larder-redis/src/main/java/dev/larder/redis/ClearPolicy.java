package dev.larder.redis;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;

/**
 * What {@code clear()} removes. By default the keys that match this cache's prefix, found with
 * {@code SCAN} (which never blocks the server the way {@code KEYS} does) and removed with
 * {@code UNLINK} (freed in the background); on a Cluster the scan visits every primary. With
 * {@code options.clear=flushdb}, the whole logical database, as Django does.
 */
sealed interface ClearPolicy {

    void clear(RedisClusterCommands<String, byte[]> admin, int batch);

    /** Removes keys matching a {@code SCAN MATCH} pattern. */
    record ByPattern(String pattern) implements ClearPolicy {
        @Override
        public void clear(RedisClusterCommands<String, byte[]> admin, int batch) {
            KeyScan scan = new KeyScan(admin, pattern, batch);
            for (List<String> keys = scan.next(); keys != null; keys = scan.next()) {
                if (!keys.isEmpty()) {
                    admin.unlink(keys.toArray(String[]::new));
                }
            }
        }
    }

    /** Refuses: with a custom key function and no prefix, nothing tells this cache's keys apart. */
    record Refused(String reason) implements ClearPolicy {
        @Override
        public void clear(RedisClusterCommands<String, byte[]> admin, int batch) {
            throw new IllegalStateException(reason);
        }
    }

    /** {@code FLUSHDB}: every key of the logical database, this cache's or not. */
    record FlushDb() implements ClearPolicy {
        @Override
        public void clear(RedisClusterCommands<String, byte[]> admin, int batch) {
            admin.flushdb();
        }
    }

    /**
     * The pattern of this cache's keys: with the default key function every stored key starts
     * with {@code prefix + ":"}. A custom key function is only known to start with the prefix.
     */
    static String pattern(String keyPrefix, boolean defaultKeyFunction) {
        return escape(keyPrefix) + (defaultKeyFunction ? ":*" : "*");
    }

    /** Escapes the glob characters of {@code SCAN MATCH}. */
    static String escape(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
