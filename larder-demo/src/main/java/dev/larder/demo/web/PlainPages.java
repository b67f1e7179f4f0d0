package dev.larder.demo.web;

import dev.larder.spring.web.CachePage;
import dev.larder.spring.web.NeverCache;
import dev.larder.spring.web.VaryOnHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pages whose content no form changes: under the per-site cache ({@code /about},
 * {@code /clock}, and {@code /me}, which refuses it), under {@code @CachePage}
 * ({@code /report}, {@code /hello}). A per-site page cannot be invalidated precisely, so
 * none of these shows a model.
 */
@Controller
class PlainPages {
    /** The session attribute holding the signed-in visitor's name. */
    static final String USER = "user";
    /** How long {@code /report} takes to render: what {@code @CachePage} saves. */
    static final long REPORT_MILLIS = 200;
    private static final Map<String, String> GREETINGS = Map.of("en", "Hello", "fr", "Bonjour", "de", "Hallo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    @GetMapping("/about")
    String about() {
        return "about";
    }

    @GetMapping("/clock")
    String clock(Model model) {
        model.addAttribute("time", LocalTime.now().format(TIME));
        return "clock";
    }

    @CachePage(timeout = "60s", cache = "pages")
    @GetMapping("/report")
    String report(Model model) throws InterruptedException {
        // Stands for an expensive query or computation.
        Thread.sleep(REPORT_MILLIS);
        model.addAttribute("time", LocalTime.now().format(TIME));
        model.addAttribute("millis", REPORT_MILLIS);
        return "report";
    }

    @CachePage(timeout = "10m", cache = "pages")
    @VaryOnHeaders("Accept-Language")
    @GetMapping("/hello")
    String hello(@RequestHeader(name = "Accept-Language", required = false) String acceptLanguage, Model model) {
        String language = language(acceptLanguage);
        model.addAttribute("language", language);
        model.addAttribute("greeting", GREETINGS.get(language));
        model.addAttribute("time", LocalTime.now().format(TIME));
        return "hello";
    }

    @NeverCache
    @GetMapping("/me")
    String me(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        model.addAttribute("user", session == null ? null : session.getAttribute(USER));
        return "me";
    }

    @PostMapping("/signin")
    String signIn(@RequestParam("name") String name, HttpServletRequest request) {
        if (name.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "name must not be blank: '" + name + "'");
        }
        // A new session id on sign-in, so a session fixed before it is not the signed-in one.
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(USER, name.strip());
        return "redirect:/me";
    }

    @PostMapping("/signout")
    String signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/me";
    }

    /** The first of en, fr, de the header asks for; English when none, or when the header does not parse. */
    static String language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return "en";
        }
        try {
            Locale chosen = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage),
                    List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN));
            return chosen == null ? "en" : chosen.getLanguage();
        } catch (IllegalArgumentException e) {
            // A malformed header is the client's problem, not a reason to fail the page: English.
            return "en";
        }
    }
}
