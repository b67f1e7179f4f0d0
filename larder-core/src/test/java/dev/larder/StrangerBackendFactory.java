package dev.larder;

import dev.larder.spi.BackendContext;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheBackendFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Puts a file of its own in the directory named as its location, then refuses to start. */
public final class StrangerBackendFactory implements CacheBackendFactory {
    @Override
    public String name() {
        return "stranger";
    }

    @Override
    public CacheBackend create(BackendContext context) {
        try {
            Files.writeString(Path.of(context.location()).resolve("stranger.txt"), "not Larder's");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new CacheConfigException(context.property("location") + " is refused by the stranger backend");
    }
}
