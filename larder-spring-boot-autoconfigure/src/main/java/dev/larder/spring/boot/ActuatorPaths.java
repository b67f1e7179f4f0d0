package dev.larder.spring.boot;

import java.util.List;
import org.springframework.core.env.Environment;

/**
 * Where Actuator's endpoints answer on the application's own port, read from the environment
 * the way Boot maps them, so the per-site page cache can leave them alone by default: a stored
 * {@code /actuator/health} would tell a load balancer {@code UP} for the page's whole lifetime.
 */
final class ActuatorPaths {
    private static final int BOOT_DEFAULT_PORT = 8080;

    private ActuatorPaths() {
    }

    /**
     * The Actuator base path within the application ({@code spring.mvc.servlet.path} +
     * {@code management.endpoints.web.base-path}), or none when management has a port of its
     * own, or a base path of {@code /} (then the endpoints share the pages' paths, and only
     * {@code larder.page-cache.exclude-paths} can name them).
     */
    static List<String> onMainPort(Environment env) {
        if (!samePort(env)) {
            return List.of();
        }
        String base = trimSlashes(env.getProperty("management.endpoints.web.base-path", "/actuator"));
        if (base.isEmpty()) {
            return List.of();
        }
        String servlet = trimSlashes(env.getProperty("spring.mvc.servlet.path", "/"));
        return List.of((servlet.isEmpty() ? "" : "/" + servlet) + "/" + base);
    }

    /** Boot's {@code ManagementPortType.SAME}: no management port, or the server's. */
    private static boolean samePort(Environment env) {
        Integer management = env.getProperty("management.server.port", Integer.class);
        Integer server = env.getProperty("server.port", Integer.class);
        return management == null || (server == null && management == BOOT_DEFAULT_PORT)
                || (management != 0 && management.equals(server));
    }

    private static String trimSlashes(String path) {
        String p = path.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
