package dev.larder.thymeleaf;

import dev.larder.Timeout;
import java.util.List;

/**
 * One {@code larder:cache} element, its attributes evaluated.
 *
 * @param key Django's fragment key
 * @param timeout how long to keep the text; {@link Timeout#NEVER} for Django's {@code None}, an
 *     expired one (Django's 0 or less) for "render every time, store nothing"
 * @param alias the cache to use, null for the default ({@code template_fragments} or {@code default})
 * @param dependsOn the values of {@code larder:depends-on}, each with the expression that gave it
 */
record Fragment(String key, Timeout timeout, String alias, List<Dependency> dependsOn) {

    /** A value of {@code larder:depends-on} and the expression it came from, for errors. */
    record Dependency(String expression, Object value) {
    }
}
