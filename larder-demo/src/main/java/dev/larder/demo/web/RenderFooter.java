package dev.larder.demo.web;

import dev.larder.hibernate.Recording;
import dev.larder.spring.web.ModelRecordingFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Puts the footer's numbers into every rendered page's model: how long the handler took, when,
 * and the model cache's hits and misses during it, from the request's {@link Recording} (which
 * the starter's {@link ModelRecordingFilter} opens around each request). Thread-safe.
 */
final class RenderFooter implements HandlerInterceptor {
    /** The model attribute the layout's footer reads. */
    static final String ATTRIBUTE = "footer";
    private static final String START = RenderFooter.class.getName() + ".start";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /**
     * What the footer says; {@code hits} and {@code misses} are {@code null} when no recording
     * was open (the model cache off); {@code fragments}: whether the page can count its
     * cached fragments ({@code #larderFragments}, from the Larder dialect).
     */
    public record Footer(String millis, String at, Long hits, Long misses, boolean fragments) {
    }

    private final boolean fragments;

    RenderFooter(boolean fragments) {
        this.fragments = fragments;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(START, System.nanoTime());
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
        if (request.getAttribute(ModelRecordingFilter.ATTRIBUTE) instanceof Recording reads) {
            view.addObject(ATTRIBUTE, new Footer(millis, at, (long) reads.hits(), (long) reads.misses(), fragments));
        } else {
            view.addObject(ATTRIBUTE, new Footer(millis, at, null, null, fragments));
        }
    }
}
