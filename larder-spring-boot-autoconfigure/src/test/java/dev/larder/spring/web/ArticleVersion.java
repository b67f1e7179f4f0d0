package dev.larder.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An ETag function that is an application bean: each article's version; "missing" has none. */
public class ArticleVersion implements ETagFunction {
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();

    @Override
    public String etag(HttpServletRequest request, Map<String, String> pathVariables) {
        String id = pathVariables.get("id");
        return id.equals("missing") ? null : "v" + versions.getOrDefault(id, 1) + "-" + id;
    }

    void bump(String id) {
        versions.merge(id, 2, (a, b) -> a + 1);
    }

    void reset() {
        versions.clear();
    }
}
