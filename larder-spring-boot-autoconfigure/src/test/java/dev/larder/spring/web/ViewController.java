package dev.larder.spring.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@link CachePage} handlers, outside the per-site cache. */
@RestController
class ViewController {
    private final Calls calls;

    ViewController(Calls calls) {
        this.calls = calls;
    }

    @CachePage("120")
    @GetMapping("/views/cached")
    String cached() {
        return "cached " + calls.count("views/cached");
    }

    @CachePage("120")
    @GetMapping("/views/entity")
    ResponseEntity<String> entity() {
        return ResponseEntity.ok().header("X-Kind", "entity").body("entity " + calls.count("views/entity"));
    }

    /** Writes part of its body, flushes it to the client, then writes the rest: a stream. */
    @CachePage("120")
    @GetMapping("/views/streamed")
    void streamed(HttpServletResponse response) throws IOException {
        calls.count("views/streamed");
        response.getWriter().write("part one, ");
        response.flushBuffer();
        response.getWriter().write("part two");
    }

    @CachePage(timeout = "2m", keyPrefix = "items")
    @GetMapping("/views/items/{id}")
    String item(@PathVariable("id") String id) {
        return "item " + id + " " + calls.count("views/items");
    }

    @CachePage("120")
    @VaryOnHeaders("Accept-Language")
    @GetMapping("/views/lang")
    String lang(@RequestHeader(name = "Accept-Language", required = false) String language) {
        return "lang " + language + " " + calls.count("views/lang");
    }

    @CachePage("120")
    @GetMapping("/views/short-max-age")
    String shortMaxAge(HttpServletResponse response) {
        response.setHeader("Cache-Control", "max-age=5");
        return "short " + calls.count("views/short-max-age");
    }

    @CachePage("120")
    @GetMapping({ "/views/guarded", "/views/secured" })
    String guarded(HttpServletRequest request) {
        return "guarded " + calls.count(request.getRequestURI());
    }

    @CachePage("120")
    @GetMapping("/views/cookie")
    String cookie(HttpServletResponse response) {
        response.addCookie(new Cookie("csrftoken", "t" + calls.count("views/cookie")));
        return "cookie";
    }

    @CachePage("120")
    @GetMapping("/views/private")
    String personal(HttpServletResponse response) {
        response.setHeader("Cache-Control", "private");
        return "private " + calls.count("views/private");
    }

    @CachePage("120")
    @NeverCache
    @GetMapping("/views/never")
    String never() {
        return "never " + calls.count("views/never");
    }

    @CachePage("120")
    @GetMapping("/views/me")
    String me(HttpServletRequest request) {
        calls.count("views/me");
        HttpSession session = request.getSession(false);
        return "me: " + (session == null ? "anonymous" : session.getAttribute("user"));
    }
}
