package dev.larder.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * nginx (Debian package nginx-light) with {@code proxy_cache} in front of a URL of the page
 * server: the outside reference for a page cache. Its own prefix, config and cache in a
 * temporary directory; stopped on close.
 */
final class Nginx implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    Nginx(int upstreamPort, String upstreamPath) throws Exception {
        dir = Files.createTempDirectory("larder-nginx");
        port = freePort();
        Files.writeString(dir.resolve("nginx.conf"), config(upstreamPort, upstreamPath));
        process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        awaitListening();
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private String config(int upstreamPort, String upstreamPath) {
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user root;\n" : "") + """
                daemon off;
                worker_processes auto;
                pid %1$s/nginx.pid;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    proxy_cache_path %1$s/cache keys_zone=pages:10m;
                    upstream page_server { server 127.0.0.1:%2$d; keepalive 64; }
                    server {
                        listen 127.0.0.1:%3$d;
                        location = /page {
                            proxy_pass http://page_server%4$s;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_cache pages;
                            proxy_cache_valid 200 10m;
                            proxy_cache_lock on;
                        }
                    }
                }
                """.formatted(dir, upstreamPort, port, upstreamPath);
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log"))
                        + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within 10 s");
    }

    /** A loopback port nothing listens on now (the harnesses' servers and the demo start on one). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }
}
