package dev.larder.spring.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Pages under the per-site cache ({@code larder.page-cache.url-patterns=/site/*}). */
@RestController
class SiteController {
    private final Calls calls;

    SiteController(Calls calls) {
        this.calls = calls;
    }

    @GetMapping("/site/entity")
    ResponseEntity<String> entity() {
        return ResponseEntity.ok().header("X-Kind", "entity").body("entity " + calls.count("site/entity"));
    }

    @GetMapping("/site/plain")
    String plain() {
        return "plain " + calls.count("site/plain");
    }

    @GetMapping({ "/site/guarded", "/site/secured" })
    String guarded(HttpServletRequest request) {
        return "guarded " + calls.count(request.getRequestURI());
    }

    @GetMapping("/site/cookie")
    String cookie(HttpServletResponse response) {
        response.addCookie(new Cookie("csrftoken", "t" + calls.count("site/cookie")));
        return "cookie";
    }

    @GetMapping("/site/private")
    String personal(HttpServletResponse response) {
        response.setHeader("Cache-Control", "private");
        return "private " + calls.count("site/private");
    }

    @GetMapping("/site/login")
    String login(@RequestParam("user") String user, HttpServletRequest request) {
        request.getSession().setAttribute("user", user);
        return "welcome " + user;
    }

    /** Reads the session only: no Set-Cookie once the session exists. */
    @GetMapping("/site/me")
    String me(HttpServletRequest request) {
        calls.count("site/me");
        HttpSession session = request.getSession(false);
        return "me: " + (session == null ? "anonymous" : session.getAttribute("user"));
    }
}
