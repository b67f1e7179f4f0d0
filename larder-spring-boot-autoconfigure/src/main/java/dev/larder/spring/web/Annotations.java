package dev.larder.spring.web;

import dev.larder.Timeout;
import java.lang.annotation.Annotation;
import java.time.Duration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/** Reading Larder's handler annotations: the method's, else its class's (meta-annotations count). */
final class Annotations {
    private Annotations() {
    }

    static <A extends Annotation> A find(HandlerMethod handler, Class<A> type) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), type);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), type);
    }

    /** A duration in Larder's configuration syntax; a bad one names the attribute and the handler. */
    static Duration duration(String text, String attribute, HandlerMethod handler) {
        try {
            Timeout timeout = Timeout.parse(text);
            if (timeout.isNever()) {
                throw new IllegalArgumentException("'" + text + "' is not a duration");
            }
            return timeout.duration();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(attribute + " on " + handler + ": " + e.getMessage(), e);
        }
    }
}
