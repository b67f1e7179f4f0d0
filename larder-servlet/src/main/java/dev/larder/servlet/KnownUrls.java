package dev.larder.servlet;

import dev.larder.http.PageKeys;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The keys of URLs looked up lately, by absolute URI and locale: a hit on a URL seen before
 * computes no MD5 and builds no key string ({@link PageKeys.Url} keeps its keys). A fixed
 * table of slots chosen by the URI's hash, a newer URL replacing an older one in its slot: it
 * is bounded whatever URLs requests ask for, and URIs chosen to share a slot only make their
 * lookups compute their keys again. A slot is used only for the very URI, language and time
 * zone it was filled for. Thread-safe, without locks.
 */
final class KnownUrls {
    private static final int SLOTS = 1024;

    private final PageKeys keys;
    private final AtomicReferenceArray<Known> slots = new AtomicReferenceArray<>(SLOTS);

    private record Known(String uri, String language, String timeZone, PageKeys.Url url) {
    }

    KnownUrls(PageKeys keys) {
        this.keys = keys;
    }

    /** {@link PageKeys#url}, made once per URL while its slot keeps it. */
    PageKeys.Url url(String uri, String language, String timeZone) {
        int h = uri.hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Known known = slots.get(slot);
        if (known != null && known.uri().equals(uri) && Objects.equals(known.language(), language)
                && Objects.equals(known.timeZone(), timeZone)) {
            return known.url();
        }
        PageKeys.Url url = keys.url(uri, language, timeZone);
        slots.set(slot, new Known(uri, language, timeZone, url));
        return url;
    }
}
