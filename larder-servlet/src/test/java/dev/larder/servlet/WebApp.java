package dev.larder.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty 12 server on a free loopback port, with filters and servlets given by the test,
 * and a real {@link HttpClient} to call it: the page cache is tested black-box.
 */
final class WebApp implements AutoCloseable {
    /** A view: what a servlet does for any method. */
    @FunctionalInterface
    interface View {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;
    }

    private final Server server;
    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WebApp(Server server, URI base) {
        this.server = server;
        this.base = base;
    }

    static Builder builder() {
        return new Builder();
    }

    URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    /** GET with headers given as name, value pairs. */
    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, headers);
    }

    HttpResponse<String> send(String method, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response read off the wire: status, header fields (names lower-cased, first value), body. */
    record Raw(int status, java.util.Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Sends {@code GET <target> <version>} exactly as written, with these header lines and
     * {@code Connection: close}: for request targets and Host headers that HttpClient would
     * normalise or refuse ({@code /x/./y}, {@code Host: example.com:80}, no Host at all).
     */
    Raw rawWithVersion(String version, String target, String... headerLines) {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder("GET ").append(target).append(' ').append(version).append("\r\n");
            for (String line : headerLines) {
                head.append(line).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(head.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, end).split("\r\n");
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            String body = response.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Raw raw(String target, String... headerLines) {
        return rawWithVersion("HTTP/1.1", target, headerLines);
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    static final class Builder {
        private final List<Object[]> filters = new ArrayList<>();
        private final List<Object[]> servlets = new ArrayList<>();
        private final List<java.util.function.Consumer<ServletContextHandler>> setups = new ArrayList<>();

        /** Filters run in the order they are added (the first is outermost). */
        Builder filter(Filter filter, String... patterns) {
            filters.add(new Object[] {filter, patterns});
            return this;
        }

        Builder view(String pattern, View view) {
            servlets.add(new Object[] {pattern, new HttpServlet() {
                @Override
                protected void service(HttpServletRequest req, HttpServletResponse resp)
                        throws IOException, ServletException {
                    view.handle(req, resp);
                }
            }});
            return this;
        }

        Builder servlet(String pattern, HttpServlet servlet) {
            servlets.add(new Object[] {pattern, servlet});
            return this;
        }

        Builder setup(java.util.function.Consumer<ServletContextHandler> setup) {
            setups.add(setup);
            return this;
        }

        WebApp start() throws Exception {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
            setups.forEach(s -> s.accept(context));
            for (Object[] s : servlets) {
                context.addServlet(new ServletHolder((HttpServlet) s[1]), (String) s[0]);
            }
            for (Object[] f : filters) {
                FilterHolder holder = new FilterHolder((Filter) f[0]);
                for (String pattern : (String[]) f[1]) {
                    context.addFilter(holder, pattern, EnumSet.of(DispatcherType.REQUEST));
                }
            }
            server.setHandler(context);
            server.start();
            return new WebApp(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
        }
    }
}
