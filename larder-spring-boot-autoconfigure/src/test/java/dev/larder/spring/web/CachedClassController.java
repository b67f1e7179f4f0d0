package dev.larder.spring.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@link CachePage} on a class: every handler of it is cached. */
@RestController
@CachePage("30")
class CachedClassController {
    private final Calls calls;

    CachedClassController(Calls calls) {
        this.calls = calls;
    }

    @GetMapping("/views/class")
    String page() {
        return "class " + calls.count("views/class");
    }
}
