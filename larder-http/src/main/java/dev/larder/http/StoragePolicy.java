package dev.larder.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one decision a page cache makes before storing: may a shared cache keep this response,
 * and for how long (RFC 9111 §3, §3.5, §5.2; Django's {@code UpdateCacheMiddleware} with its
 * 2026 hardening). Every way a private page has leaked through Django's cache is a refusal here.
 *
 * <pre>{@code
 * if (StoragePolicy.mayLookup(method)) {
 *     Decision d = StoragePolicy.decide(method, request, 200, response, false, null, Duration.ofMinutes(10));
 *     if (d.store()) {
 *         cache.set(key, page, Timeout.of(d.timeout()));
 *     } else {
 *         log.debug("not cached: " + d.refusal().describe());
 *     }
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class StoragePolicy {
    /** Why a response is not stored, in the order the checks run. */
    public enum Refusal {
        METHOD("request method is neither GET nor HEAD"),
        STATUS("response status is not 200"),
        STREAMED("response is streamed"),
        SET_COOKIE("response sets a cookie"),
        PRIVATE("response is Cache-Control: private"),
        NO_CACHE("response is Cache-Control: no-cache"),
        NO_STORE("response is Cache-Control: no-store"),
        VARY_STAR("response varies on *"),
        AUTHORIZATION("request has Authorization and the response is not public"),
        MAX_AGE_ZERO("response max-age is 0 or invalid"),
        STALE("response is already stale (Expires past or invalid, or Age past its max-age)"),
        ZERO_TIMEOUT("timeout is zero or negative");

        private final String description;

        Refusal(String description) {
            this.description = description;
        }

        /** A short human explanation, e.g. {@code "response sets a cookie"}. */
        public String describe() {
            return description;
        }
    }

    /**
     * The outcome: store for {@code timeout} (refusal null), or refuse (timeout zero).
     *
     * @param refusal why not, or null to store
     * @param timeout how long to store; positive when storing
     */
    public record Decision(Refusal refusal, Duration timeout) {
        /**
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if storing with a timeout that is not positive
         */
        public Decision {
            Objects.requireNonNull(timeout, "timeout");
            if (refusal == null && (timeout.isZero() || timeout.isNegative())) {
                throw new IllegalArgumentException("a stored page needs a positive timeout, not " + timeout);
            }
        }

        /** True when the response may be stored. */
        public boolean store() {
            return refusal == null;
        }

        /** Store for {@code timeout}, which must be positive. */
        public static Decision store(Duration timeout) {
            return new Decision(null, timeout);
        }

        /** Do not store, because of {@code refusal}. */
        public static Decision refuse(Refusal refusal) {
            return new Decision(Objects.requireNonNull(refusal, "refusal"), Duration.ZERO);
        }
    }

    private StoragePolicy() {
    }

    /** Only GET and HEAD are ever looked up or stored (method names are case-sensitive, RFC 9110 §9.1). */
    public static boolean mayLookup(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    /**
     * {@link #decide(String, HeaderSource, int, HeaderSource, boolean, Duration, Duration, Instant)}
     * at the system clock's current time.
     */
    public static Decision decide(String method, HeaderSource request, int status, HeaderSource response,
            boolean streamed, Duration pageTimeout, Duration defaultTimeout) {
        return decide(method, request, status, response, streamed, pageTimeout, defaultTimeout, Instant.now());
    }

    /**
     * Decides whether to store. The checks run in the order of {@link Refusal}; the first
     * that applies is the answer. The timeout is {@code pageTimeout} if given; else the
     * response's {@code s-maxage}, else its {@code max-age}, less its {@code Age}; else, with an
     * {@code Expires}, the time left until then, at most {@code defaultTimeout}; else
     * {@code defaultTimeout}. A response that is stale already is refused (RFC 9111 §4.2):
     * {@code max-age=0}, {@code s-maxage=0}, an {@code Age} as large as its max-age, or, with
     * neither, an {@code Expires} that is not after {@code now} or not a valid date (§5.3).
     *
     * @param pageTimeout a per-view timeout (Django's {@code cache_page}), or null; it beats
     *     {@code max-age=0} and {@code Expires} but never private, no-cache or no-store
     * @param defaultTimeout for a response with no max-age (Django's {@code cache_timeout});
     *     null refuses such a response with {@link Refusal#ZERO_TIMEOUT}
     * @param now the time the response is stored at, against which {@code Expires} is read
     */
    public static Decision decide(String method, HeaderSource request, int status, HeaderSource response,
            boolean streamed, Duration pageTimeout, Duration defaultTimeout, Instant now) {
        Objects.requireNonNull(now, "now");
        CacheControl cc = CacheControl.parse(HeaderSyntax.values(response, "Cache-Control"));
        Refusal refusal = refusal(method, request, status, response, streamed, cc);
        if (refusal != null) {
            return Decision.refuse(refusal);
        }
        return pageTimeout != null ? positive(pageTimeout) : timeout(cc, response, defaultTimeout, now);
    }

    private static Refusal refusal(String method, HeaderSource request, int status, HeaderSource response,
            boolean streamed, CacheControl cc) {
        if (!mayLookup(method)) {
            return Refusal.METHOD;
        }
        if (status != 200) {
            return Refusal.STATUS;
        }
        if (streamed) {
            return Refusal.STREAMED;
        }
        // RFC 9111 §7.3: Set-Cookie does not stop a cache, so we must (CVE-2014-0473, CVE-2026-48588).
        if (HeaderSyntax.present(response, "Set-Cookie")) {
            return Refusal.SET_COOKIE;
        }
        return headerRefusal(request, response, cc);
    }

    /** The Cache-Control, Vary and Authorization rules, all on parsed values. */
    private static Refusal headerRefusal(HeaderSource request, HeaderSource response, CacheControl cc) {
        // Parsed names, any case, qualified forms too (CVE-2026-8404; RFC 9111 §5.2.2.4 and
        // §5.2.2.7 note that many caches treat private="field" as private).
        if (cc.has("private")) {
            return Refusal.PRIVATE;
        }
        // Django ticket #36560; a no-cache="field" is refused too, for the same reason.
        if (cc.has("no-cache")) {
            return Refusal.NO_CACHE;
        }
        // RFC 9111 §3: a cache must not store a no-store response.
        if (cc.has("no-store")) {
            return Refusal.NO_STORE;
        }
        // RFC 9110 §12.5.5: Vary * never matches a later request (CVE-2026-6907).
        if (Vary.isStar(Vary.parse(HeaderSyntax.values(response, "Vary")))) {
            return Refusal.VARY_STAR;
        }
        // RFC 9111 §3.5: a shared cache must not reuse an authorized response unless told to (CVE-2026-35193).
        if (HeaderSyntax.present(request, "Authorization") && !cc.has("public")) {
            return Refusal.AUTHORIZATION;
        }
        return null;
    }

    private static Decision timeout(CacheControl cc, HeaderSource response, Duration defaultTimeout, Instant now) {
        OptionalLong freshness = freshness(cc);
        if (freshness.isPresent()) {
            if (freshness.getAsLong() == 0) {
                return Decision.refuse(Refusal.MAX_AGE_ZERO);
            }
            long left = freshness.getAsLong() - age(response);
            return left > 0 ? Decision.store(Duration.ofSeconds(left)) : Decision.refuse(Refusal.STALE);
        }
        List<String> expires = HeaderSyntax.values(response, "Expires");
        if (expires.isEmpty()) {
            return positive(defaultTimeout);
        }
        // RFC 9111 §5.3: an invalid Expires, "0" above all, means already expired; two of them are invalid (§4.2.1).
        Optional<Instant> at = expires.size() == 1 ? HttpDates.parse(expires.get(0), now) : Optional.empty();
        Duration left = at.map(t -> Duration.between(now, t)).orElse(Duration.ZERO);
        if (left.compareTo(Duration.ofSeconds(1)) < 0) {
            return Decision.refuse(Refusal.STALE);
        }
        left = Duration.ofSeconds(left.getSeconds());
        return positive(defaultTimeout == null || left.compareTo(defaultTimeout) >= 0 ? defaultTimeout : left);
    }

    private static Decision positive(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            return Decision.refuse(Refusal.ZERO_TIMEOUT);
        }
        return Decision.store(timeout);
    }

    /** The Age the response already has (RFC 9111 §5.1); 0 when absent or not one delta-seconds. */
    private static long age(HeaderSource response) {
        List<String> values = HeaderSyntax.values(response, "Age");
        return values.size() == 1 ? CacheControl.deltaSeconds(values.get(0).strip()).orElse(0) : 0;
    }

    /**
     * s-maxage, else max-age (RFC 9111 §5.2.2.10 puts s-maxage first for shared caches). A
     * directive that is present but not valid delta-seconds counts as 0: §4.2.1 encourages
     * treating invalid freshness information as stale.
     */
    private static OptionalLong freshness(CacheControl cc) {
        for (String directive : List.of("s-maxage", "max-age")) {
            if (cc.has(directive)) {
                OptionalLong seconds = cc.argument(directive).map(CacheControl::deltaSeconds)
                        .orElse(OptionalLong.empty());
                return seconds.isPresent() ? seconds : OptionalLong.of(0);
            }
        }
        return OptionalLong.empty();
    }
}
