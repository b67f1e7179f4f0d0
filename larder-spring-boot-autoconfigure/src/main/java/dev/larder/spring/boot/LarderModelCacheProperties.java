package dev.larder.spring.boot;

import dev.larder.CacheRegistry;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code larder.model-cache.*}: the Hibernate model cache over the application's JPA
 * {@code EntityManagerFactory}.
 *
 * <pre>
 * larder.model-cache.alias=models
 * larder.model-cache.enabled=true
 * larder.model-cache.record-requests=true
 * larder.model-cache.consistency=strict
 * </pre>
 */
@ConfigurationProperties("larder.model-cache")
public class LarderModelCacheProperties {
    /** Whether the Hibernate model cache is installed (needs larder-hibernate and Spring's JPA). */
    private boolean enabled = true;
    /** The alias of the Larder cache the model cache keeps its entries and stamps in. */
    private String alias = CacheRegistry.DEFAULT_ALIAS;
    /**
     * Whether each web request records its model-cache reads (ModelCache.record()), so fragments
     * and values cached from what it read record the stamps the data was read under.
     */
    private boolean recordRequests = true;
    /**
     * What a model-cache read promises: strict (never stale after a commit; the cache must have
     * no near cache) or bounded-staleness (hits served by the cache's near cache; another
     * node's commit is seen once Redis's invalidation arrives). Unset: Hibernate's
     * larder.hibernate.consistency property if given, else strict.
     */
    private String consistency;

    public String getConsistency() {
        return consistency;
    }

    public void setConsistency(String consistency) {
        this.consistency = consistency;
    }

    public boolean isRecordRequests() {
        return recordRequests;
    }

    public void setRecordRequests(boolean recordRequests) {
        this.recordRequests = recordRequests;
    }

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
}
