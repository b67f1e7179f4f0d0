package dev.larder.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.http.StaleWindows;
import dev.larder.support.ReadOnlyBytes;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stored page record: a page without stale windows is the {@code LPP1} record byte for byte
 * (what Larder stored before stale pages); a page with them is {@code LPP2}, which an
 * {@code LPP1}-only reader rejects by its first four bytes (a miss, never a stale hit).
 */
class StoredPageFormatTest {
    private static final byte[] BODY = "hello".getBytes(StandardCharsets.UTF_8);
    private static final List<Map.Entry<String, String>> HEADERS = List.of(Map.entry("Content-Type", "text/plain"));

    private static StoredPage page(StaleWindows windows) {
        return new StoredPage(1_000L, 60_000L, windows, List.of("cookie"), "hash", HEADERS, BODY);
    }

    /** The LPP1 record as the version before stale pages wrote it, field by field. */
    private static byte[] lpp1() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x4c505031);
        out.writeLong(1_000L);
        out.writeInt(1);
        string(out, "cookie");
        string(out, "hash");
        out.writeInt(1);
        string(out, "Content-Type");
        string(out, "text/plain");
        out.writeInt(BODY.length);
        out.write(BODY);
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static StoredPage decode(byte[] bytes) {
        return StoredPage.decode(ReadOnlyBytes.wrap(bytes, 0, bytes.length));
    }

    @Test
    void withoutWindows_theRecordIsLpp1_byteForByte() throws IOException {
        assertThat(page(StaleWindows.NONE).encode()).isEqualTo(lpp1());
    }

    @Test
    void anLpp1Record_decodesWithoutWindows_andIsAlwaysFresh() throws IOException {
        StoredPage page = decode(lpp1());
        assertThat(page.windows()).isEqualTo(StaleWindows.NONE);
        assertThat(page.phase(Long.MAX_VALUE / 2)).isEqualTo(StaleWindows.Phase.FRESH);
        assertThat(page.coversError(2_000L)).isFalse();
    }

    @Test
    void withWindows_theRecordIsLpp2_andRoundTrips() {
        StaleWindows windows = StaleWindows.of(Duration.ofSeconds(30), Duration.ofSeconds(300));
        byte[] encoded = page(windows).encode();
        assertThat(new String(encoded, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("LPP2");
        StoredPage back = decode(encoded);
        assertThat(back.windows()).isEqualTo(windows);
        assertThat(back.freshMillis()).isEqualTo(60_000L);
        assertThat(back.storedAtMillis()).isEqualTo(1_000L);
        assertThat(back.headers()).isEqualTo(HEADERS);
        assertThat(back.phase(60_999L)).isEqualTo(StaleWindows.Phase.FRESH);
        assertThat(back.phase(61_000L)).isEqualTo(StaleWindows.Phase.REVALIDATE);
        assertThat(back.phase(91_000L)).isEqualTo(StaleWindows.Phase.IF_ERROR);
        assertThat(back.phase(361_000L)).isEqualTo(StaleWindows.Phase.EXPIRED);
    }

    @Test
    void anLpp2Record_withANegativeDuration_isCorrupt() {
        byte[] encoded = page(StaleWindows.of(Duration.ofSeconds(30), Duration.ZERO)).encode();
        encoded[12] = (byte) 0xff; // the first byte of the fresh time: now negative
        assertThatThrownBy(() -> decode(encoded)).isInstanceOf(StoredPage.CorruptPageException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void builder_refusesNegativeWindows_namingTheSetting() {
        try (CacheRegistry caches = CacheRegistry.builder()
                .cache("default", CacheConfig.builder().backend("dummy").build()).build()) {
            PageCache.Builder b = PageCache.builder(caches.defaultCache());
            assertThatThrownBy(() -> b.staleWhileRevalidate(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staleWhileRevalidate")
                    .hasMessageContaining("PT-1S");
            assertThatThrownBy(() -> b.staleIfError(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staleIfError");
            PageCache pages = b.staleWhileRevalidate(Duration.ofSeconds(5)).build();
            assertThat(pages.staleWindows()).isEqualTo(StaleWindows.of(Duration.ofSeconds(5), Duration.ZERO));
        }
    }
}
