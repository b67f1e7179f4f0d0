package dev.larder.demo.web;

import dev.larder.hibernate.ModelCache;
import dev.larder.hibernate.ModelCacheStats;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Puts the footer's numbers into every rendered page's model: how long the handler took, when,
 * and the model cache's hits and misses during it. The counts are the difference of the model
 * cache's process-wide counters around the handler, so concurrent requests blur them; one
 * visitor clicking sees exact numbers. Thread-safe.
 */
final class RenderFooter implements HandlerInterceptor {
    /** The model attribute the layout's footer reads. */
    static final String ATTRIBUTE = "footer";
    private static final String START = RenderFooter.class.getName() + ".start";
    private static final String STATS = RenderFooter.class.getName() + ".stats";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /** What the footer says; {@code hits} and {@code misses} are {@code null} without a model cache. */
    public record Footer(String millis, String at, Long hits, Long misses) {
    }

    private final ModelCache models;

    /** {@code models} may be {@code null}: the footer then says the model cache is off. */
    RenderFooter(ModelCache models) {
        this.models = models;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(START, System.nanoTime());
        if (models != null) {
            request.setAttribute(STATS, models.stats());
        }
        return true;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView view) {
        if (view == null || !(request.getAttribute(START) instanceof Long start)) {
            return;
        }
        String millis = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e6);
        String at = LocalTime.now().format(TIME);
        if (request.getAttribute(STATS) instanceof ModelCacheStats before) {
            ModelCacheStats after = models.stats();
            view.addObject(ATTRIBUTE, new Footer(millis, at, after.hits() - before.hits(), after.misses() - before.misses()));
        } else {
            view.addObject(ATTRIBUTE, new Footer(millis, at, null, null));
        }
    }
}
