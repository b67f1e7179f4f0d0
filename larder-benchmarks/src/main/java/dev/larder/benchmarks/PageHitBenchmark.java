package dev.larder.benchmarks;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.testkit.servers.RedisServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One page hit through {@link PageServer}'s Jetty, from a client on one keep-alive socket that
 * allocates nothing per request, so that {@code -prof gc}'s {@code gc.alloc.rate.norm} (which
 * counts every thread of the JVM, the server's included) is what the server allocates per
 * request. Paths as in {@link PageLoad}: {@code /raw} (no Larder), {@code /cached/page}
 * (locmem, copies), {@code /references/page} (locmem, store-references), {@code /shared/page}
 * (Redis).
 *
 * <p>{@code java -jar benchmarks.jar PageHit -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class PageHitBenchmark {
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

    @Param({"/raw", "/cached/page", "/references/page", "/shared/page"})
    public String path;

    private RedisServer redis;
    private CacheRegistry caches;
    private PageServer server;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private byte[] request;
    private final byte[] buffer = new byte[64 * 1024];

    @Setup(Level.Trial)
    public void start() throws Exception {
        redis = RedisServer.start();
        caches = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().backend("locmem").location("page-hits").build())
                .cache("references", CacheConfig.builder().backend("locmem").location("page-hit-references")
                        .option("store-references", "true").build())
                .cache("shared", CacheConfig.builder().backend("redis").location(redis.uri()).build())
                .build();
        server = new PageServer(caches.defaultCache(), caches.cache("references"), caches.cache("shared"),
                caches.cache("shared"));
        socket = new Socket("127.0.0.1", server.port());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 3; i++) {
            if (get() != PageServer.PAGE_BYTES) {
                throw new IllegalStateException(path + " did not answer the page");
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        socket.close();
        server.close();
        caches.close();
        redis.close();
    }

    /** Sends the request and reads the whole response; returns the body's length. */
    @Benchmark
    public int get() throws IOException {
        out.write(request);
        int read = 0;
        int headEnd = -1;
        int length = -1;
        while (headEnd < 0 || read < headEnd + length) {
            int n = in.read(buffer, read, buffer.length - read);
            if (n < 0) {
                throw new IOException("connection closed after " + read + " bytes");
            }
            read += n;
            if (headEnd < 0) {
                headEnd = headEnd(read);
                length = headEnd < 0 ? -1 : contentLength(headEnd);
            }
        }
        return length;
    }

    private int headEnd(int read) {
        for (int i = 3; i < read; i++) {
            if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private int contentLength(int headEnd) {
        outer:
        for (int i = 0; i + CONTENT_LENGTH.length < headEnd; i++) {
            for (int j = 0; j < CONTENT_LENGTH.length; j++) {
                if (Character.toLowerCase(buffer[i + j]) != CONTENT_LENGTH[j]) {
                    continue outer;
                }
            }
            int value = 0;
            for (int k = i + CONTENT_LENGTH.length; buffer[k] != '\r'; k++) {
                if (buffer[k] >= '0' && buffer[k] <= '9') {
                    value = value * 10 + buffer[k] - '0';
                }
            }
            return value;
        }
        throw new IllegalStateException("no Content-Length in the response to " + path);
    }
}
