package dev.larder.jcache.hibernate;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** Local memory and an in-memory H2 database; the manager is named by a {@code file:} URI. */
class LocmemSecondLevelCacheTest extends SecondLevelCacheContract {
    @TempDir
    Path dir;

    @Override
    protected Node open() {
        String uri = Node.written(Node.larder("locmem", "l2-" + UUID.randomUUID()), dir);
        return Node.withUri(Node.h2(), true, uri);
    }
}
