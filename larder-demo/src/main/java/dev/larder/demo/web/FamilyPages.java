package dev.larder.demo.web;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pages of the models, read through {@link Reads}, and the forms that change them
 * (Post/Redirect/Get: each form answers with a redirect to the page it changed, whose
 * {@code done} parameter says what happened; no flash attributes, which would need a session).
 */
@Controller
class FamilyPages {
    private static final System.Logger LOG = System.getLogger("dev.larder.demo");
    private final Reads reads;
    private final Edits edits;

    FamilyPages(Reads reads, Edits edits) {
        this.reads = reads;
        this.edits = edits;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("families", reads.families());
        return "home";
    }

    @GetMapping("/children")
    String children(Model model) {
        model.addAttribute("children", reads.children());
        return "children";
    }

    @GetMapping("/children/{id}")
    String child(@PathVariable("id") long id, Model model) {
        model.addAttribute("child", found(reads.child(id), "child", id));
        return "child";
    }

    @GetMapping("/children/{id}/edit")
    String editChildForm(@PathVariable("id") long id, Model model) {
        model.addAttribute("child", found(reads.child(id), "child", id));
        model.addAttribute("parents", reads.parents());
        return "child-edit";
    }

    @PostMapping("/children/{id}")
    String editChild(@PathVariable("id") long id, @RequestParam("name") String name, @RequestParam("email") String email,
            @RequestParam("mother") long mother, @RequestParam("father") long father) {
        edits.editChild(id, name, email, mother, father);
        return "redirect:/children/" + id + "?done=saved";
    }

    @GetMapping("/parents/{id}")
    String parent(@PathVariable("id") long id, Model model) {
        model.addAttribute("page", found(reads.parent(id), "parent", id));
        return "parent";
    }

    @PostMapping("/parents/{id}/rename")
    String renameParent(@PathVariable("id") long id, @RequestParam("name") String name) {
        edits.renameParent(id, name);
        return "redirect:/parents/" + id + "?done=renamed";
    }

    @GetMapping("/families/{id}")
    String family(@PathVariable("id") long id, Model model) {
        model.addAttribute("page", found(reads.family(id), "family", id));
        model.addAttribute("families", reads.families());
        return "family";
    }

    @PostMapping("/bulk/uppercase-family/{id}")
    String uppercaseFamily(@PathVariable("id") long id) {
        int rows = edits.uppercaseFamily(id);
        return "redirect:/families/" + id + "?done=bulk&rows=" + rows;
    }

    /**
     * An email another child has, or a value too long for its column: the database refused the
     * write, which changed nothing. The answer is plain text and never quotes the database's
     * message, which holds the refused value (a visitor's markup) and the schema's names.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<String> conflict(DataIntegrityViolationException e) {
        LOG.log(System.Logger.Level.INFO, "edit refused by the database: " + e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.TEXT_PLAIN)
                .body("not saved: another child has this email, or a value is too long");
    }

    private static <T> T found(T value, String what, long id) {
        if (value == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + what + " with id " + id);
        }
        return value;
    }
}
