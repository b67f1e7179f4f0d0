package dev.larder.jcache;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * The expiry policy's answers as absolute times. JSR-107 section 6: a zero duration on
 * creation means the entry is not added at all; {@code null} on access or update means
 * "unchanged"; a policy that throws is treated as zero on creation and as unchanged
 * otherwise, so a broken policy never keeps an entry longer than asked.
 */
final class Expiries {
    /** The answer meaning "leave the expiry as it is". */
    static final long UNCHANGED = Long.MIN_VALUE;
    private static final System.Logger LOG = System.getLogger(Expiries.class.getName());

    private final ExpiryPolicy policy;
    private final boolean readsKeepExpiry;
    private final boolean updatesAsCreates;

    Expiries(ExpiryPolicy policy) {
        this.policy = policy;
        Class<?> type = policy.getClass();
        this.readsKeepExpiry = type == EternalExpiryPolicy.class || type == CreatedExpiryPolicy.class
                || type == ModifiedExpiryPolicy.class;
        this.updatesAsCreates = type == EternalExpiryPolicy.class || type == ModifiedExpiryPolicy.class
                || type == TouchedExpiryPolicy.class;
    }

    ExpiryPolicy policy() {
        return policy;
    }

    /** Whether reads never change expiry: the standard policies whose access answer is "unchanged". */
    boolean readsKeepExpiry() {
        return readsKeepExpiry;
    }

    /**
     * Whether an update expires an entry exactly as a creation would: the standard policies
     * whose update answer equals their creation answer, so a write need not read what it
     * replaces to know its expiry.
     */
    boolean updatesAsCreates() {
        return updatesAsCreates;
    }

    /** When a new entry expires; at or before {@code now} means "do not add". */
    long onCreate(long now) {
        Duration d = ask(policy::getExpiryForCreation);
        return d == null ? now : at(d, now);
    }

    /** When an updated entry expires, or {@link #UNCHANGED}. */
    long onUpdate(long now) {
        Duration d = ask(policy::getExpiryForUpdate);
        return d == null ? UNCHANGED : at(d, now);
    }

    /** When a read entry expires, or {@link #UNCHANGED}. */
    long onAccess(long now) {
        Duration d = ask(policy::getExpiryForAccess);
        return d == null ? UNCHANGED : at(d, now);
    }

    private static long at(Duration d, long now) {
        if (d.isEternal()) {
            return Stored.ETERNAL;
        }
        if (d.isZero()) {
            return now;
        }
        long millis = d.getTimeUnit().toMillis(d.getDurationAmount());
        // A duration under a millisecond still keeps the entry for that millisecond.
        millis = Math.max(1, millis);
        return millis >= Stored.ETERNAL - now ? Stored.ETERNAL : now + millis;
    }

    private static Duration ask(Supplier<Duration> question) {
        try {
            return question.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the expiry policy threw; treated as expired on creation, unchanged otherwise", e);
            return null;
        }
    }
}
