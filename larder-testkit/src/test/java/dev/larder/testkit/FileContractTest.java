package dev.larder.testkit;

import dev.larder.CacheConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract suite on the file backend, in a fresh directory per test. */
class FileContractTest extends CacheContract {
    @TempDir
    Path root;

    @Override
    protected CacheConfig.Builder store(String name) {
        return CacheConfig.builder().backend("file").location(root.resolve(name).toString());
    }
}
