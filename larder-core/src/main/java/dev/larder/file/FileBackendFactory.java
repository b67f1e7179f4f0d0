package dev.larder.file;

import dev.larder.CacheBackendException;
import dev.larder.CacheConfigException;
import dev.larder.spi.BackendContext;
import dev.larder.spi.BackendOptions;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheBackendFactory;
import java.lang.System.Logger.Level;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code file}: one file per key under the directory given as location. Options:
 * {@code max-entries} (default 300) and {@code cull-frequency} (default 3; 0 clears the
 * directory when full). Give an absolute path outside anything a web server serves: anyone who
 * can write the directory can plant values (the serializer's allow-list keeps that from running
 * code, but the values are still theirs).
 */
public final class FileBackendFactory implements CacheBackendFactory {
    public static final String NAME = "file";
    private static final System.Logger LOG = System.getLogger("dev.larder.file");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        return Set.of("max-entries", "cull-frequency");
    }

    /** 64 MiB: a file is read by this process alone, on no connection shared with other callers. */
    @Override
    public long defaultMaxValueSize() {
        return 64L * 1024 * 1024;
    }

    @Override
    public CacheBackend create(BackendContext context) {
        String property = context.property("location");
        if (context.location().isEmpty()) {
            throw new CacheConfigException(property + " is not set: the file backend needs a directory");
        }
        Path root;
        try {
            root = Path.of(context.location());
        } catch (InvalidPathException e) {
            throw new CacheConfigException(property + "='" + context.location() + "' is not a path: " + e.getMessage(), e);
        }
        if (!root.isAbsolute()) {
            LOG.log(Level.WARNING, "{0}=''{1}'' is relative; it depends on the working directory", property,
                    context.location());
        }
        BackendOptions options = context.options();
        long maxEntries = options.longValue("max-entries", 300, 1);
        int cullFrequency = options.intValue("cull-frequency", 3, 0);
        CacheDirectory directory;
        try {
            directory = new CacheDirectory(context.alias(), root.toAbsolutePath(), maxEntries, cullFrequency,
                    context.stats());
        } catch (CacheBackendException e) {
            throw new CacheConfigException(property + "='" + context.location() + "' cannot be used as a cache directory: "
                    + e.getCause(), e);
        }
        return new FileBackend(context.alias(), directory, context.codec(), context.stats(), context.clock());
    }
}
