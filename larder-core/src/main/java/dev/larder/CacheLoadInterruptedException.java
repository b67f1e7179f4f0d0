package dev.larder;

/**
 * A {@code getOrSet} that missed was interrupted while it waited for another thread's load of
 * the same key. The thread's interrupt flag is set again before this is thrown, so code further
 * up still sees the interruption; the other load goes on.
 */
public class CacheLoadInterruptedException extends CacheException {
    public CacheLoadInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
