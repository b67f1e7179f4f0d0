package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.Shapes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link StoragePolicy#decide} and {@link CacheHeaders} over hostile response and request
 * headers: never throw (documented), at most 128 bytes a character + 64 KiB, 50 ms + 100 ns a
 * character; and a response that says private, no-cache or no-store is never stored.
 */
class StoragePolicyFuzzTest {
    static final String ALPHABET = "privatenocshmxg-=,\"\\ *0123456789CokieAuthrz";
    static final List<String> EXAMPLES = List.of("max-age=600", "private=\"Set-Cookie\"", "no-cache, max-age=60",
            "Cookie, *", "s-maxage=0, public", "PRIVATE", "max-age=99999999999999999999");
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Bounded DECIDE = Bounded.named("StoragePolicy.decide").allocation(128, 64 * 1024);
    static final Bounded HEADERS = Bounded.named("CacheHeaders.responseHeaders").allocation(128, 64 * 1024);

    @Provide
    Arbitrary<String> values() {
        return Shapes.text(ALPHABET, EXAMPLES);
    }

    @Property
    void decide_ofAnyHeaders_neverStoresAPrivateResponse(@ForAll("values") String cacheControl,
            @ForAll("values") String vary) {
        Headers response = Headers.of("Cache-Control", cacheControl, "Vary", vary);
        Headers request = Headers.of("Authorization", vary);
        long size = cacheControl.length() + 2L * vary.length();
        StoragePolicy.Decision d = DECIDE.call(size, () -> StoragePolicy.decide("GET", request, 200, response, false,
                null, Duration.ofMinutes(10)));
        CacheControl cc = CacheControl.parse(cacheControl);
        if (cc.has("private") || cc.has("no-cache") || cc.has("no-store")) {
            assertThat(d.store()).isFalse();
        }
    }

    @Property
    void cacheHeaders_ofAnyResponse_areBounded(@ForAll("values") String cacheControl) {
        Headers response = Headers.of("Cache-Control", cacheControl);
        Map<String, String> set = HEADERS.call(cacheControl.length(),
                () -> CacheHeaders.responseHeaders(response, Duration.ofSeconds(60), NOW));
        assertThat(CacheControl.parse(set.get("Cache-Control")).maxAge()).isPresent();
        HEADERS.call(cacheControl.length(), () -> CacheHeaders.neverCacheHeaders(response, NOW));
    }

    /** Found at 100,000 inputs: 50,000 one-letter directives cost 134 bytes a character (a list copied per directive added). */
    @Example
    void cacheHeaders_ofManyOneLetterDirectives_stayInBound() {
        cacheHeaders_ofAnyResponse_areBounded(",C".repeat(50_000));
        cacheHeaders_ofAnyResponse_areBounded(",max-age=1".repeat(10_000));
    }

    @AfterContainer
    static void summary() {
        System.out.println(DECIDE.summary());
        System.out.println(HEADERS.summary());
    }
}
