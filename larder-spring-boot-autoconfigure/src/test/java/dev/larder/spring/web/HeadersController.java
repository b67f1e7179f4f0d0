package dev.larder.spring.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** The header annotations and {@link Condition}, without any page cache. */
@RestController
class HeadersController {
    private final Calls calls;
    private final ArticleVersion versions;

    HeadersController(Calls calls, ArticleVersion versions) {
        this.calls = calls;
        this.versions = versions;
    }

    @NeverCache
    @GetMapping("/headers/never")
    String never() {
        return "never";
    }

    @NeverCache
    @GetMapping("/headers/never-expires")
    String neverKeepsExpires(HttpServletResponse response) {
        response.setHeader("Expires", "Thu, 01 Jan 2099 00:00:00 GMT");
        response.setHeader("Cache-Control", "public");
        return "never";
    }

    @CacheControl(isPublic = true)
    @GetMapping("/headers/public")
    String makePublic(HttpServletResponse response) {
        response.setHeader("Cache-Control", "must-revalidate,max-age=60,private");
        return "public";
    }

    @CacheControl(maxAge = "1h", sMaxAge = "2m", staleWhileRevalidate = "30")
    @GetMapping("/headers/max-age")
    String maxAge(HttpServletResponse response) {
        response.setHeader("Cache-Control", "max-age=7200");
        return "max-age";
    }

    @CacheControl(noCacheFields = { "Set-Cookie", "Link" }, noStore = true)
    @GetMapping("/headers/no-cache-fields")
    String noCacheFields() {
        return "fields";
    }

    @VaryOnHeaders({ "Accept-Language", "accept-encoding" })
    @VaryOnCookie
    @GetMapping("/headers/vary")
    String vary(HttpServletResponse response) {
        response.setHeader("Vary", "Accept-Encoding");
        return "vary";
    }

    @Condition(etag = ArticleVersion.class)
    @CacheControl(maxAge = "60")
    @VaryOnHeaders("Accept-Language")
    @GetMapping("/articles/{id}")
    String article(@PathVariable("id") String id) {
        return "article " + id + " " + calls.count("articles.get");
    }

    @Condition(etag = ArticleVersion.class)
    @PutMapping("/articles/{id}")
    String updateArticle(@PathVariable("id") String id) {
        calls.count("articles.put");
        versions.bump(id);
        return "updated " + id;
    }

    @Condition(lastModified = DocumentModified.class)
    @GetMapping("/documents/{id}")
    String document(@PathVariable("id") String id) {
        return "document " + id + " " + calls.count("documents.get");
    }

    @Condition(lastModified = DocumentModified.class)
    @PostMapping("/documents/{id}")
    String postDocument(@PathVariable("id") String id) {
        return "posted " + id + " " + calls.count("documents.post");
    }
}
