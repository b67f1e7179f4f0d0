package dev.larder.spring.web;

import dev.larder.hibernate.ModelCache;
import dev.larder.hibernate.Recording;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Set;

/**
 * Opens a model-cache {@link Recording} around each request, so that whatever the request
 * caches from what it read (fragments through {@code larder:depends-on}, values through
 * {@link dev.larder.hibernate.ModelStamps}) records the stamps the data was read under, not
 * later ones: a write committing between the read and the rendering then leaves the cached
 * fragment stale-marked instead of stale. The recording is also the request attribute
 * {@link #ATTRIBUTE}, for a page that shows its own model-cache hits and misses:
 *
 * <pre>{@code
 * <small th:with="reads=${#request.getAttribute('dev.larder.hibernate.Recording')}"
 *        th:text="|model cache: ${reads.hits()} hits, ${reads.misses()} misses|"></small>
 * }</pre>
 *
 * <p>A request whose method is not GET or HEAD is {@linkplain Recording#markUnsaved() marked
 * unsaved}: its page may show what a form bound onto an entity and never saved (a failed
 * validation re-rendered), which no stamp describes, so nothing it renders is stored with
 * stamps. Reads made on other threads (an async controller's executor) are not recorded.
 *
 * <p>Registered by the starter for every request, and for async and error dispatches (whose
 * rendering runs on another thread), when the model cache is in use
 * ({@code larder.model-cache.record-requests}, default true).
 */
public class ModelRecordingFilter implements Filter {
    /** The request attribute holding the request's {@link Recording}. */
    public static final String ATTRIBUTE = Recording.class.getName();

    private static final Set<String> SAFE = Set.of("GET", "HEAD");

    private final ModelCache models;

    public ModelRecordingFilter(ModelCache models) {
        this.models = Objects.requireNonNull(models, "models");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try (Recording reads = models.record()) {
            request.setAttribute(ATTRIBUTE, reads);
            if (request instanceof HttpServletRequest http && !SAFE.contains(http.getMethod())) {
                // A POST's page may show what the form bound and never saved (a failed validation).
                reads.markUnsaved();
            }
            chain.doFilter(request, response);
        }
    }
}
