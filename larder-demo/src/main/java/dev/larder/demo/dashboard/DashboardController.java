package dev.larder.demo.dashboard;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The cache dashboard: {@code /dashboard} (the page, which polls), {@code /dashboard/data}
 * (a {@link Snapshot} as JSON) and {@code POST /dashboard/clear/{alias}}.
 */
@Controller
public class DashboardController {
    private final DashboardData data;

    DashboardController(DashboardData data) {
        this.data = data;
    }

    @GetMapping("/dashboard")
    String dashboard() {
        return "dashboard";
    }

    @GetMapping("/dashboard/data")
    @ResponseBody
    Snapshot data() {
        return data.read();
    }

    @PostMapping("/dashboard/clear/{alias}")
    @ResponseBody
    Map<String, Object> clear(@PathVariable("alias") String alias) {
        if (!data.clear(alias)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no cache named '" + alias + "'");
        }
        return Map.of("alias", alias, "cleared", true);
    }
}
