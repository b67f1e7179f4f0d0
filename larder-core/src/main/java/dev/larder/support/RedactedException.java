package dev.larder.support;

import dev.larder.CacheException;

/**
 * Stands in, in a cause chain, for a third-party exception whose message said a secret (a
 * driver's error quoting the JDBC URL, a client's quoting the location): its message is the
 * original class's name and the original message with the secret {@linkplain Secrets#redact
 * redacted}; its stack trace, causes and suppressed exceptions are the original's (scrubbed
 * the same way). Made by {@link Secrets#scrub}.
 */
public final class RedactedException extends CacheException {
    private final String originalClassName;

    RedactedException(String originalClassName, String redactedMessage, Throwable cause) {
        super(redactedMessage == null ? originalClassName : originalClassName + ": " + redactedMessage, cause);
        this.originalClassName = originalClassName;
    }

    /** The class of the exception this stands in for, such as {@code org.postgresql.util.PSQLException}. */
    public String originalClassName() {
        return originalClassName;
    }
}
