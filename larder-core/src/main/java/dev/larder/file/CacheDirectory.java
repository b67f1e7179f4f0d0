package dev.larder.file;

import dev.larder.CacheBackendException;
import dev.larder.spi.StatsCounter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The directory of a file cache: private permissions, atomic writes, and the entry count that
 * makes culling cost one listing per cull instead of one per write.
 */
final class CacheDirectory {
    private final String alias;
    private final Path root;
    private final long maxEntries;
    private final int cullFrequency;
    private final StatsCounter stats;
    private final boolean posix;
    /** Entries in the directory as far as this process knows; -1 until first counted. */
    private final AtomicLong count = new AtomicLong(-1);
    /** Directory listings made so far; tests check that writes do not list. */
    private final AtomicLong listings = new AtomicLong();
    /** The directories this cache created when it started, outermost first. */
    private final List<Path> created;

    CacheDirectory(String alias, Path root, long maxEntries, int cullFrequency, StatsCounter stats) {
        this.alias = alias;
        this.root = root;
        this.maxEntries = maxEntries;
        this.cullFrequency = cullFrequency;
        this.stats = stats;
        this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.created = createMissing();
        try {
            warnIfOthersCanRead();
        } catch (RuntimeException e) {
            removeCreated();
            throw e;
        }
    }

    /**
     * Creates the directory and its missing parents one by one, remembering which ones this
     * cache made, so that a failed start-up can remove exactly those; a failure part way
     * removes the ones made so far.
     */
    private List<Path> createMissing() {
        List<Path> missing = new ArrayList<>();
        for (Path dir = root; dir != null && !Files.isDirectory(dir); dir = dir.getParent()) {
            missing.add(0, dir);
        }
        List<Path> made = new ArrayList<>();
        try {
            for (Path dir : missing) {
                if (createDirectory(dir)) {
                    made.add(dir);
                }
            }
            return List.copyOf(made);
        } catch (IOException e) {
            removeEmpty(made);
            throw failure("cannot create cache directory " + root, e);
        }
    }

    /** True if this call made {@code dir}; false if another process made it first. */
    private boolean createDirectory(Path dir) throws IOException {
        try {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(dir)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Removes the directories this cache created when it started, innermost first, each only
     * while it is empty: whatever someone else has put there since stays, and so does its
     * directory.
     */
    void removeCreated() {
        removeEmpty(created);
    }

    private static void removeEmpty(List<Path> dirs) {
        for (int i = dirs.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(dirs.get(i));
            } catch (IOException notEmptyOrNotOurs) {
                return;
            }
        }
    }

    /**
     * A directory that existed before keeps its permissions (it may be shared on purpose), but
     * cached pages and values in it are readable by other users, so say so once.
     */
    private void warnIfOthersCanRead() {
        if (!posix) {
            return;
        }
        try {
            String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(root));
            if (!perms.endsWith("------")) {
                System.getLogger("dev.larder.file").log(System.Logger.Level.WARNING, () -> "cache '" + alias
                        + "': directory " + root + " has permissions " + perms
                        + "; other users can read the cached values (chmod 700 it)");
            }
        } catch (IOException e) {
            throw failure("cannot read the permissions of " + root, e);
        }
    }

    Path root() {
        return root;
    }

    /** Creates the directory (and missing parents) readable by this user only. */
    void ensureExists() {
        try {
            if (posix) {
                Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(root);
            }
        } catch (IOException e) {
            throw failure("cannot create cache directory " + root, e);
        }
    }

    /** What goes into a temporary file, written through its channel. */
    interface Contents {
        void writeTo(FileChannel file) throws IOException;
    }

    /** Writes {@code contents} to a new private temporary file in the directory. */
    Path writeTemp(Contents contents) {
        try {
            return tryWriteTemp(contents);
        } catch (NoSuchFileException e) {
            // Someone removed the directory (allowed at any time, as in Django): make it again.
            ensureExists();
            try {
                return tryWriteTemp(contents);
            } catch (IOException again) {
                throw failure("cannot write to " + root, again);
            }
        } catch (IOException e) {
            throw failure("cannot write to " + root, e);
        }
    }

    private Path tryWriteTemp(Contents contents) throws IOException {
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(root, ".tmp-", ".part", attrs);
        try (FileChannel file = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            contents.writeTo(file);
            return temp;
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Renames {@code temp} over {@code target} in one step, culling first when full. */
    void replace(Path temp, Path target) {
        cullIfFull();
        boolean isNew = !Files.exists(target);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failure("cannot write " + target, e);
        }
        if (isNew) {
            count.incrementAndGet();
        }
    }

    /**
     * Makes {@code temp} the target only if no target exists, atomically even against other
     * processes. Returns false when one existed.
     */
    boolean link(Path temp, Path target) {
        cullIfFull();
        try {
            try {
                Files.createLink(target, temp);
            } catch (UnsupportedOperationException e) {
                Files.move(temp, target);
            }
            count.incrementAndGet();
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw failure("cannot write " + target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Removes the file; true if it existed. */
    boolean remove(Path path) {
        try {
            boolean removed = Files.deleteIfExists(path);
            if (removed && count.get() > 0) {
                count.decrementAndGet();
            }
            return removed;
        } catch (IOException e) {
            throw failure("cannot delete " + path, e);
        }
    }

    /**
     * Removes every cache file, and temporary files a crashed writer left behind; other files
     * and the directory itself stay.
     */
    void clear() {
        for (Path p : entries()) {
            remove(p);
        }
        for (Path p : list(".tmp-*.part")) {
            deleteQuietly(p);
        }
        count.set(0);
    }

    private void cullIfFull() {
        if (count.get() < 0) {
            count.compareAndSet(-1, entries().size());
        }
        if (count.get() >= maxEntries) {
            cull();
        }
    }

    private synchronized void cull() {
        List<Path> files = entries();
        count.set(files.size());
        if (files.size() < maxEntries) {
            return;
        }
        int victims = cullFrequency == 0 ? files.size() : Math.max(1, files.size() / cullFrequency);
        Collections.shuffle(files, ThreadLocalRandom.current());
        int removed = 0;
        for (Path p : files.subList(0, victims)) {
            if (remove(p)) {
                removed++;
            }
        }
        stats.recordEvictions(removed);
    }

    long listings() {
        return listings.get();
    }

    List<Path> entries() {
        listings.incrementAndGet();
        return list("*" + FileBackend.SUFFIX);
    }

    private List<Path> list(String glob) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root, glob)) {
            dir.forEach(files::add);
        } catch (NoSuchFileException e) {
            return files;
        } catch (IOException e) {
            throw failure("cannot list " + root, e);
        }
        return files;
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // A leftover temporary file is harmless: it never matches a cache file name.
        }
    }

    private CacheBackendException failure(String message, IOException e) {
        stats.recordError();
        return new CacheBackendException("cache '" + alias + "': " + message + ": " + e, e);
    }
}
