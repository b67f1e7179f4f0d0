package dev.larder.spring.cache;

import dev.larder.CacheConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Spring's cache contract on the file backend, in a directory of the test's own. */
class FileSpringCacheTest extends SpringCacheContract {
    @TempDir
    Path dir;

    @Override
    protected CacheConfig.Builder store() {
        return CacheConfig.builder().backend("file").location(dir.toString());
    }
}
