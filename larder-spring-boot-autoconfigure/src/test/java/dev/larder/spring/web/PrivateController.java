package dev.larder.spring.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A class-level annotation, and a method's that replaces it. */
@RestController
@CacheControl(isPrivate = true)
class PrivateController {

    @GetMapping("/private/inherited")
    String inherited() {
        return "inherited";
    }

    @CacheControl(isPublic = true, maxAge = "60")
    @GetMapping("/private/overridden")
    String overridden() {
        return "overridden";
    }
}
