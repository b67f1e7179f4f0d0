package dev.larder.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;

/**
 * One {@code SCAN} over the keys matching a pattern, for {@code clear()} and {@code keys()}
 * alike, on the admin connection (the primary, or every primary of a Cluster,
 * whose cursor says which node comes next), one step per call. A step may find no keys while
 * more follow. {@code SCAN} guarantees every key present for the whole scan is returned, and
 * tolerates writes meanwhile; a key may come back twice when the server rehashes, so a caller
 * that counts must not rely on each appearing once.
 */
final class KeyScan {
    private final RedisClusterCommands<String, byte[]> admin;
    private final ScanArgs args;
    private KeyScanCursor<String> cursor;

    KeyScan(RedisClusterCommands<String, byte[]> admin, String pattern, int batch) {
        this.admin = admin;
        this.args = ScanArgs.Builder.matches(pattern).limit(batch);
    }

    /** The keys of the next step, or null once the scan is over. */
    List<String> next() {
        if (cursor != null && cursor.isFinished()) {
            return null;
        }
        cursor = cursor == null ? admin.scan(args) : admin.scan(cursor, args);
        return cursor.getKeys();
    }
}
