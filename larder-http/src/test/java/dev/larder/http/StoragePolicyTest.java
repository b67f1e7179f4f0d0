package dev.larder.http;

import static dev.larder.http.StoragePolicy.Refusal.AUTHORIZATION;
import static dev.larder.http.StoragePolicy.Refusal.MAX_AGE_ZERO;
import static dev.larder.http.StoragePolicy.Refusal.METHOD;
import static dev.larder.http.StoragePolicy.Refusal.NO_CACHE;
import static dev.larder.http.StoragePolicy.Refusal.NO_STORE;
import static dev.larder.http.StoragePolicy.Refusal.PRIVATE;
import static dev.larder.http.StoragePolicy.Refusal.SET_COOKIE;
import static dev.larder.http.StoragePolicy.Refusal.STATUS;
import static dev.larder.http.StoragePolicy.Refusal.STREAMED;
import static dev.larder.http.StoragePolicy.Refusal.VARY_STAR;
import static dev.larder.http.StoragePolicy.Refusal.ZERO_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.http.StoragePolicy.Decision;
import dev.larder.http.StoragePolicy.Refusal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared-cache storage decision (RFC 9111 §3, §3.5, §5.2; Django UpdateCacheMiddleware, spec §5.2). */
class StoragePolicyTest {
    private static final Duration DEFAULT = Duration.ofSeconds(600);

    private static Decision decide(Headers response) {
        return decide(Headers.empty(), response, null);
    }

    private static Decision decide(Headers request, Headers response, Duration pageTimeout) {
        return StoragePolicy.decide("GET", request, 200, response, false, pageTimeout, DEFAULT);
    }

    private static Refusal refusal(Headers response) {
        return decide(response).refusal();
    }

    @Test
    void plainOk_isStoredForDefaultTimeout() {
        Decision d = decide(Headers.empty());
        assertThat(d.store()).isTrue();
        assertThat(d.timeout()).isEqualTo(DEFAULT);
        assertThat(d.refusal()).isNull();
    }

    @Test
    void mayLookup_onlyGetAndHead() {
        assertThat(StoragePolicy.mayLookup("GET")).isTrue();
        assertThat(StoragePolicy.mayLookup("HEAD")).isTrue();
        assertThat(StoragePolicy.mayLookup("POST")).isFalse();
        assertThat(StoragePolicy.mayLookup("get")).isFalse();
        assertThat(StoragePolicy.mayLookup(null)).isFalse();
    }

    @Test
    void unsafeMethod_isRefused() {
        // Spec §5.1: only GET and HEAD are ever stored.
        assertThat(StoragePolicy.decide("POST", Headers.empty(), 200, Headers.empty(), false, null, DEFAULT).refusal())
                .isEqualTo(METHOD);
        assertThat(StoragePolicy.decide("HEAD", Headers.empty(), 200, Headers.empty(), false, null, DEFAULT).store())
                .isTrue();
    }

    @Test
    void statusOtherThan200_isRefused() {
        // Spec §5.2 step 9: a 304 gets headers but is never stored.
        for (int status : new int[] {304, 201, 404, 500}) {
            assertThat(StoragePolicy.decide("GET", Headers.empty(), status, Headers.empty(), false, null, DEFAULT)
                    .refusal()).isEqualTo(STATUS);
        }
    }

    @Test
    void streamedResponse_isRefused() {
        assertThat(StoragePolicy.decide("GET", Headers.empty(), 200, Headers.empty(), true, null, DEFAULT).refusal())
                .isEqualTo(STREAMED);
    }

    @Test
    void setCookie_isRefused() {
        // RFC 9111 §7.3: Set-Cookie does not stop a cache; CVE-2014-0473 and CVE-2026-48588.
        assertThat(refusal(Headers.of("Set-Cookie", "csrftoken=abc; Path=/"))).isEqualTo(SET_COOKIE);
        assertThat(refusal(Headers.of("set-cookie", "", "Cache-Control", "public"))).isEqualTo(SET_COOKIE);
    }

    @Test
    void private_anyCase_isRefused() {
        // CVE-2026-8404: directive names are matched parsed and case-insensitively.
        assertThat(refusal(Headers.of("Cache-Control", "PRIVATE"))).isEqualTo(PRIVATE);
        assertThat(refusal(Headers.of("Cache-Control", "max-age=60, Private"))).isEqualTo(PRIVATE);
    }

    @Test
    void qualifiedPrivate_isRefused() {
        // RFC 9111 §5.2.2.7 / CVE-2026-35193 follow-up: private="Set-Cookie" counts as private.
        assertThat(refusal(Headers.of("Cache-Control", "private=\"Set-Cookie\", max-age=60"))).isEqualTo(PRIVATE);
    }

    @Test
    void qualifiedNoCache_isRefused() {
        // RFC 9111 §5.2.2.4; Django ticket #36560 and the CVE-2026-35193 follow-up.
        assertThat(refusal(Headers.of("Cache-Control", "no-cache=\"Set-Cookie\""))).isEqualTo(NO_CACHE);
        assertThat(refusal(Headers.of("Cache-Control", "no-cache"))).isEqualTo(NO_CACHE);
    }

    @Test
    void noStore_anyCase_isRefused() {
        // RFC 9111 §3: a cache must not store a no-store response; Django ticket #36560.
        assertThat(refusal(Headers.of("Cache-Control", "No-Store"))).isEqualTo(NO_STORE);
    }

    @Test
    void directiveInSecondFieldLine_isSeen() {
        assertThat(refusal(Headers.of("Cache-Control", "max-age=60", "Cache-Control", "private"))).isEqualTo(PRIVATE);
    }

    @Test
    void substringOfDirective_isNotARefusal() {
        // CVE-2026-8404 the other way round: only whole parsed names count.
        assertThat(decide(Headers.of("Cache-Control", "x-private-ish, max-age=60")).store()).isTrue();
    }

    @Test
    void varyStar_isRefused() {
        // RFC 9110 §12.5.5: Vary * never matches; CVE-2026-6907.
        assertThat(refusal(Headers.of("Vary", "Accept-Encoding, *"))).isEqualTo(VARY_STAR);
        assertThat(refusal(Headers.of("Vary", "Cookie", "Vary", " * "))).isEqualTo(VARY_STAR);
    }

    @Test
    void authorizationWithoutPublic_isRefused() {
        // RFC 9111 §3.5; CVE-2026-35193.
        Headers request = Headers.of("Authorization", "Bearer secret");
        assertThat(decide(request, Headers.of("Cache-Control", "max-age=60"), null).refusal()).isEqualTo(AUTHORIZATION);
        assertThat(decide(request, Headers.empty(), Duration.ofSeconds(30)).refusal()).isEqualTo(AUTHORIZATION);
    }

    @Test
    void authorizationWithPublic_isStored() {
        Headers request = Headers.of("Authorization", "Bearer secret");
        Decision d = decide(request, Headers.of("Cache-Control", "Public, max-age=60"), null);
        assertThat(d.store()).isTrue();
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void maxAge_isTheTimeout() {
        assertThat(decide(Headers.of("Cache-Control", "max-age=45")).timeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void sMaxage_beatsMaxAge() {
        // RFC 9111 §5.2.2.10: s-maxage overrides max-age for a shared cache.
        Decision d = decide(Headers.of("Cache-Control", "max-age=10, s-maxage=300"));
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void maxAgeZero_isRefused() {
        // Spec §5.2 step 6: max-age=0 without a page timeout is not cached (never_cache).
        assertThat(refusal(Headers.of("Cache-Control", "max-age=0"))).isEqualTo(MAX_AGE_ZERO);
        assertThat(refusal(Headers.of("Cache-Control", "s-maxage=0, max-age=60"))).isEqualTo(MAX_AGE_ZERO);
    }

    @Test
    void invalidMaxAge_isTreatedAsZero() {
        // RFC 9111 §4.2.1: invalid freshness information is best treated as stale.
        assertThat(refusal(Headers.of("Cache-Control", "max-age=abc"))).isEqualTo(MAX_AGE_ZERO);
        assertThat(refusal(Headers.of("Cache-Control", "max-age=-1"))).isEqualTo(MAX_AGE_ZERO);
    }

    @Test
    void pageTimeout_beatsMaxAgeZero() {
        // Spec §5.2 step 6: cache_page's timeout takes precedence over the response's max-age.
        Decision d = decide(Headers.empty(), Headers.of("Cache-Control", "max-age=0"), Duration.ofSeconds(30));
        assertThat(d.store()).isTrue();
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void pageTimeout_beatsSmallerMaxAge() {
        // Django test_cache_page_timeout: stored for the page timeout, header keeps the smaller max-age.
        Decision d = decide(Headers.empty(), Headers.of("Cache-Control", "max-age=1"), Duration.ofSeconds(30));
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void pageTimeout_doesNotBeatPrivateNoCacheOrNoStore() {
        // Spec §5.2: never_cache still wins over cache_page.
        Duration page = Duration.ofSeconds(30);
        assertThat(decide(Headers.empty(), Headers.of("Cache-Control", "private"), page).refusal()).isEqualTo(PRIVATE);
        assertThat(decide(Headers.empty(), Headers.of("Cache-Control", "no-cache"), page).refusal()).isEqualTo(NO_CACHE);
        assertThat(decide(Headers.empty(), Headers.of("Cache-Control", "no-store"), page).refusal()).isEqualTo(NO_STORE);
    }

    @Test
    void zeroOrNegativeTimeout_isRefused() {
        assertThat(decide(Headers.empty(), Headers.empty(), Duration.ZERO).refusal()).isEqualTo(ZERO_TIMEOUT);
        assertThat(decide(Headers.empty(), Headers.empty(), Duration.ofSeconds(-1)).refusal()).isEqualTo(ZERO_TIMEOUT);
        assertThat(StoragePolicy.decide("GET", Headers.empty(), 200, Headers.empty(), false, null, Duration.ZERO)
                .refusal()).isEqualTo(ZERO_TIMEOUT);
        assertThat(StoragePolicy.decide("GET", Headers.empty(), 200, Headers.empty(), false, null, null)
                .refusal()).isEqualTo(ZERO_TIMEOUT);
    }

    @Test
    void checks_runInDocumentedOrder() {
        Headers everything = Headers.of("Set-Cookie", "a=1", "Cache-Control", "private, no-cache, no-store",
                "Vary", "*");
        assertThat(StoragePolicy.decide("POST", Headers.empty(), 500, everything, true, null, DEFAULT).refusal())
                .isEqualTo(METHOD);
        assertThat(StoragePolicy.decide("GET", Headers.empty(), 500, everything, true, null, DEFAULT).refusal())
                .isEqualTo(STATUS);
        assertThat(StoragePolicy.decide("GET", Headers.empty(), 200, everything, true, null, DEFAULT).refusal())
                .isEqualTo(STREAMED);
        assertThat(refusal(everything)).isEqualTo(SET_COOKIE);
        assertThat(refusal(Headers.of("Cache-Control", "no-store, no-cache, private"))).isEqualTo(PRIVATE);
        assertThat(refusal(Headers.of("Cache-Control", "no-store, no-cache"))).isEqualTo(NO_CACHE);
        assertThat(refusal(Headers.of("Cache-Control", "max-age=0", "Vary", "*"))).isEqualTo(VARY_STAR);
    }

    @Test
    void decision_factoriesAndValidation() {
        assertThat(Decision.refuse(SET_COOKIE).store()).isFalse();
        assertThat(Decision.refuse(SET_COOKIE).timeout()).isEqualTo(Duration.ZERO);
        assertThat(Decision.store(Duration.ofSeconds(1)).store()).isTrue();
        assertThatThrownBy(() -> Decision.store(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decision.refuse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void describe_isShortHumanText() {
        assertThat(SET_COOKIE.describe()).isEqualTo("response sets a cookie");
        for (Refusal r : Refusal.values()) {
            assertThat(r.describe()).isNotBlank();
        }
    }
}
