package dev.larder.demo.web;

import dev.larder.demo.web.Views.ChildRow;
import dev.larder.spring.web.Condition;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A child as JSON, with a strong ETag ({@link ChildETag}): Larder's {@code @Condition} answers
 * a matching {@code If-None-Match} with 304 before this handler runs.
 */
@RestController
class ChildApi {
    private final Reads reads;

    ChildApi(Reads reads) {
        this.reads = reads;
    }

    @Condition(etag = ChildETag.class)
    @GetMapping("/api/children/{id}")
    ResponseEntity<ChildRow> child(@PathVariable("id") long id) {
        ChildRow child = reads.child(id);
        if (child == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no child with id " + id);
        }
        return ResponseEntity.ok(child);
    }
}
