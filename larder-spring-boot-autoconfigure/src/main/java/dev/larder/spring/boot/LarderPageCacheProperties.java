package dev.larder.spring.boot;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * {@code larder.page-cache.*}: Django's per-site cache ({@code CacheMiddleware} and its
 * {@code CACHE_MIDDLEWARE_*} settings) for a Spring MVC application, and the settings the
 * {@code @CachePage} handler caches share with it.
 *
 * <pre>
 * larder.page-cache.enabled=true
 * larder.page-cache.timeout=5m
 * larder.page-cache.status-header=X-Larder-Cache
 * </pre>
 *
 * <p>Defaults are PageCache's, written as literals so the configuration processor can show them.
 */
@ConfigurationProperties("larder.page-cache")
public class LarderPageCacheProperties {
    /** Whether every GET and HEAD of the site goes through the page cache (Django's per-site cache). */
    private boolean enabled;

    /** The Larder cache alias that holds the pages (Django's CACHE_MIDDLEWARE_ALIAS). */
    private String alias = "default";

    /** How long a page without max-age is kept; a bare number is seconds (CACHE_MIDDLEWARE_SECONDS). */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration timeout = Duration.ofSeconds(600);

    /** When set, how long every storable page is kept, whatever its max-age (Django's page_timeout). */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration pageTimeout;

    /** Put into every page key, so sites can share a store (CACHE_MIDDLEWARE_KEY_PREFIX). */
    private String keyPrefix = "";

    /** A response header that says HIT, MISS or BYPASS, for example X-Larder-Cache; none when empty. Also for @CachePage. */
    private String statusHeader;

    /** Whether responses carry Server-Timing: larder-page;desc="HIT" (or MISS, BYPASS), for browsers' developer tools and page scripts. Also for @CachePage. */
    private boolean serverTiming;

    public boolean isServerTiming() {
        return serverTiming;
    }

    public void setServerTiming(boolean serverTiming) {
        this.serverTiming = serverTiming;
    }

    /** How long a request waits for another one rendering the same page; 0 turns waiting off. Also for @CachePage. */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration stampedeWait = Duration.ofSeconds(5);

    /** Bodies larger than this are sent as they are written and not stored. Also for @CachePage. */
    private DataSize maxPageSize = DataSize.ofMegabytes(1);

    /**
     * RFC 5861's stale-while-revalidate: for this long after a page stops being fresh, one
     * request renders it again while the others get the stale page at once (X-Larder-Cache: STALE).
     * A bare number is seconds; 0 turns it off. A response's own stale-while-revalidate=N beats
     * it. Also for @CachePage, unless the annotation says otherwise.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration staleWhileRevalidate = Duration.ZERO;

    /**
     * RFC 5861's stale-if-error: for this long after a page stops being fresh, a rendering that
     * throws or answers 500, 502, 503 or 504 is replaced by the stale page. A bare number is
     * seconds; 0 turns it off. A response's own stale-if-error=N beats it. Also for @CachePage,
     * unless the annotation says otherwise.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration staleIfError = Duration.ZERO;

    /** The URL patterns of the per-site cache, in the Servlet specification's syntax. */
    private List<String> urlPatterns = new ArrayList<>(List.of("/*"));

    /**
     * Path prefixes the per-site cache leaves alone, segment by segment on the path within the
     * application. Unset: Actuator's base path (management.endpoints.web.base-path, /actuator),
     * when management runs on the application's port. Empty: none.
     */
    private List<String> excludePaths;

    /** Whether @CachePage, @CacheControl, @NeverCache, @VaryOnHeaders, @VaryOnCookie and @Condition are honoured. */
    private boolean annotations = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getAlias() {
        return alias;
    }

    public void setAlias(String alias) {
        this.alias = alias;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getPageTimeout() {
        return pageTimeout;
    }

    public void setPageTimeout(Duration pageTimeout) {
        this.pageTimeout = pageTimeout;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String getStatusHeader() {
        return statusHeader;
    }

    public void setStatusHeader(String statusHeader) {
        this.statusHeader = statusHeader;
    }

    public Duration getStampedeWait() {
        return stampedeWait;
    }

    public void setStampedeWait(Duration stampedeWait) {
        this.stampedeWait = stampedeWait;
    }

    public DataSize getMaxPageSize() {
        return maxPageSize;
    }

    public void setMaxPageSize(DataSize maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    public Duration getStaleWhileRevalidate() {
        return staleWhileRevalidate;
    }

    public void setStaleWhileRevalidate(Duration staleWhileRevalidate) {
        this.staleWhileRevalidate = staleWhileRevalidate;
    }

    public Duration getStaleIfError() {
        return staleIfError;
    }

    public void setStaleIfError(Duration staleIfError) {
        this.staleIfError = staleIfError;
    }

    public List<String> getUrlPatterns() {
        return urlPatterns;
    }

    public void setUrlPatterns(List<String> urlPatterns) {
        this.urlPatterns = urlPatterns;
    }

    /** The excluded path prefixes; {@code null} when unset, which means Actuator's base path. */
    public List<String> getExcludePaths() {
        return excludePaths;
    }

    public void setExcludePaths(List<String> excludePaths) {
        this.excludePaths = excludePaths;
    }

    public boolean isAnnotations() {
        return annotations;
    }

    public void setAnnotations(boolean annotations) {
        this.annotations = annotations;
    }
}
