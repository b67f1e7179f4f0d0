package dev.larder.bootapp;

import dev.larder.spring.web.CachePage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A shelf's page, kept by Larder's page cache for a minute. */
@RestController
public class ShelfController {
    private final ShelfLabels labels;

    public ShelfController(ShelfLabels labels) {
        this.labels = labels;
    }

    @CachePage("1m")
    @GetMapping("/shelves/{id}")
    public String shelf(@PathVariable("id") long id) {
        return "<h1>" + labels.label(id) + "</h1>";
    }
}
