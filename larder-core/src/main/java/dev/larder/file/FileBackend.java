package dev.larder.file;

import dev.larder.CacheBackendException;
import dev.larder.CacheKeyNotFoundException;
import dev.larder.Capabilities;
import dev.larder.Timeout;
import dev.larder.spi.CacheBackend;
import dev.larder.spi.CacheKey;
import dev.larder.spi.StatsCounter;
import dev.larder.spi.ValueCodec;
import dev.larder.support.Counters;
import dev.larder.support.Md5;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One file per key under a directory: {@code <md5 of the stored key>.larder}. Writes go to a
 * private temporary file that is renamed over the target, so a reader sees the old value or
 * the new one, never half of either. {@code add}, {@code incr}, {@code touch} and the final
 * rename of a write hold a per-file lock shared by every file cache in this process; {@code add}
 * of an absent key is also atomic across processes
 * (a hard link fails when the target exists).
 *
 * <p>Culling keeps an entry count in memory, taken from one directory listing when first
 * needed, so a write lists the directory only when the count reaches {@code max-entries}; the
 * cull then recounts, and deletes {@code count / cull-frequency} files at random (Django's
 * rule; 0 clears the directory). A file that is truncated or not a cache file is a miss and is
 * removed; any other I/O error surfaces as {@link CacheBackendException}.
 */
final class FileBackend implements CacheBackend {
    static final String SUFFIX = ".larder";
    private static final Capabilities CAPABILITIES = Capabilities.builder()
            .stores().atomicAdd().atomicIncr().outOfProcess().culls().build();
    private static final System.Logger LOG = System.getLogger("dev.larder.file");
    private static final int STRIPES = 256;
    /**
     * Shared by every file cache in the process and picked by the file's full path, so that two
     * caches on one directory serialise their read-modify-writes on the same key too.
     */
    private static final Object[] LOCKS = new Object[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            LOCKS[i] = new Object();
        }
    }

    private final String alias;
    private final CacheDirectory directory;
    private final ValueCodec codec;
    private final StatsCounter stats;
    private final Clock clock;

    FileBackend(String alias, CacheDirectory directory, ValueCodec codec, StatsCounter stats, Clock clock) {
        this.alias = alias;
        this.directory = directory;
        this.codec = codec;
        this.stats = stats;
        this.clock = clock;
    }

    CacheDirectory directory() {
        return directory;
    }

    @Override
    public void discard() {
        close();
        directory.removeCreated();
    }

    @Override
    public Object get(CacheKey key) {
        Path path = pathOf(key);
        byte[] bytes = read(key, path);
        if (bytes == null) {
            return null;
        }
        byte[] value;
        try {
            if (EntryFile.expiresAt(bytes, bytes.length) <= clock.millis()) {
                directory.remove(path);
                return null;
            }
            value = EntryFile.value(bytes, codec.maxValueSize());
        } catch (EntryFile.CorruptException e) {
            discardCorrupt(key, path, e);
            return null;
        } catch (EntryFile.TooLargeException e) {
            codec.storedTooLarge(key, e.size());
            return null;
        }
        Object decoded = codec.decode(key, value);
        if (decoded == null) {
            // The codec counted and logged it; remove the file so it is not read again.
            directory.remove(path);
        }
        return decoded;
    }

    @Override
    public void set(CacheKey key, Object value, Timeout timeout) {
        write(key, codec.encode(key, value), timeout);
    }

    @Override
    public List<CacheKey> setMany(Map<CacheKey, Object> entries, Timeout timeout) {
        List<CacheKey> tooLarge = new ArrayList<>(0);
        codec.encodeEach(entries, tooLarge).forEach((key, bytes) -> write(key, bytes, timeout));
        return tooLarge;
    }

    private void write(CacheKey key, byte[] value, Timeout timeout) {
        Path path = pathOf(key);
        if (timeout.isExpired()) {
            directory.remove(path);
            return;
        }
        Path temp = temp(value, timeout);
        // Under the key's lock, so that a set never lands between an incr's read and its write.
        synchronized (lockFor(path)) {
            directory.replace(temp, path);
        }
    }

    @Override
    public boolean add(CacheKey key, Object value, Timeout timeout) {
        byte[] bytes = codec.encode(key, value);
        Path path = pathOf(key);
        synchronized (lockFor(path)) {
            if (liveExpiry(key, path) != null) {
                return false;
            }
            if (timeout.isExpired()) {
                directory.remove(path);
                return true;
            }
            // liveExpiry removed an expired or damaged file, so a file there now was written by
            // another process after our check: the link fails and that writer wins.
            return directory.link(temp(bytes, timeout), path);
        }
    }

    @Override
    public boolean delete(CacheKey key) {
        Path path = pathOf(key);
        Long expiry = liveExpiry(key, path);
        return directory.remove(path) && expiry != null;
    }

    @Override
    public void clear() {
        directory.clear();
    }

    @Override
    public boolean touch(CacheKey key, Timeout timeout) {
        Path path = pathOf(key);
        synchronized (lockFor(path)) {
            if (liveExpiry(key, path) == null) {
                return false;
            }
            if (timeout.isExpired()) {
                directory.remove(path);
                return true;
            }
            ByteBuffer expiry = ByteBuffer.allocate(8).putLong(0, timeout.expiresAt(clock.millis()));
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.write(expiry, EntryFile.EXPIRY_OFFSET);
                return true;
            } catch (NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                throw failure("cannot touch " + path, e);
            }
        }
    }

    @Override
    public long incr(CacheKey key, long delta) {
        Path path = pathOf(key);
        synchronized (lockFor(path)) {
            byte[] bytes = read(key, path);
            long expiresAt;
            byte[] value;
            try {
                if (bytes == null || (expiresAt = EntryFile.expiresAt(bytes, bytes.length)) <= clock.millis()) {
                    throw new CacheKeyNotFoundException(key.value());
                }
                value = EntryFile.value(bytes, codec.maxValueSize());
            } catch (EntryFile.CorruptException e) {
                discardCorrupt(key, path, e);
                throw new CacheKeyNotFoundException(key.value());
            } catch (EntryFile.TooLargeException e) {
                codec.storedTooLarge(key, e.size());
                throw new CacheKeyNotFoundException(key.value());
            }
            Object current = codec.decode(key, value);
            if (current == null) {
                // Bytes that do not decode are a miss everywhere, so incr finds no key.
                directory.remove(path);
                throw new CacheKeyNotFoundException(key.value());
            }
            long result = Counters.add(key, current, delta);
            byte[] encoded = codec.encode(key, result);
            Path temp = directory.writeTemp(file -> EntryFile.write(file, encoded, expiresAt));
            directory.replace(temp, path);
            return result;
        }
    }

    @Override
    public boolean hasKey(CacheKey key) {
        return liveExpiry(key, pathOf(key)) != null;
    }

    @Override
    public Map<String, String> inspect() {
        return new TreeMap<>(Map.of("directory", directory.root().toString(),
                "files", Integer.toString(directory.entries().size())));
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String toString() {
        return "file '" + directory.root() + "'";
    }

    /** The expiry of a live entry, or null when it is missing, expired (then removed) or damaged. */
    private Long liveExpiry(CacheKey key, Path path) {
        byte[] header = new byte[EntryFile.HEADER];
        int n;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            n = readFully(channel, ByteBuffer.wrap(header));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw failure("cannot read " + path, e);
        }
        try {
            long expiresAt = EntryFile.expiresAt(header, n);
            if (expiresAt <= clock.millis()) {
                directory.remove(path);
                return null;
            }
            return expiresAt;
        } catch (EntryFile.CorruptException e) {
            discardCorrupt(key, path, e);
            return null;
        }
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading until the header is full or the file ends
        }
        return buffer.position();
    }

    /**
     * The whole file, or null when it is missing or longer than any value this cache stores
     * (then logged and counted): the body is the value or less, deflated.
     */
    private byte[] read(CacheKey key, Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (codec.storedTooLarge(key, size - EntryFile.HEADER)) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            readFully(channel, buffer);
            // Reads no more than was measured; a file cut short meanwhile fails its length check.
            return buffer.position() == size ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw failure("cannot read " + path, e);
        }
    }

    private Path temp(byte[] value, Timeout timeout) {
        long expiresAt = timeout.expiresAt(clock.millis());
        return directory.writeTemp(file -> EntryFile.write(file, value, expiresAt));
    }

    private void discardCorrupt(CacheKey key, Path path, EntryFile.CorruptException e) {
        stats.recordError();
        LOG.log(Level.WARNING, () -> "cache '" + alias + "': file " + path + " of key '" + key
                + "' is damaged, treated as a miss and removed: " + e.getMessage());
        directory.remove(path);
    }

    private CacheBackendException failure(String message, IOException e) {
        stats.recordError();
        return new CacheBackendException("cache '" + alias + "': " + message + ": " + e, e);
    }

    private Object lockFor(Path path) {
        return LOCKS[(path.toAbsolutePath().hashCode() & 0x7fffffff) % STRIPES];
    }

    private Path pathOf(CacheKey key) {
        return directory.root().resolve(md5Hex(key.value()) + SUFFIX);
    }

    static String md5Hex(String key) {
        return Md5.hex(key);
    }
}
