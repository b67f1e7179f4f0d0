package dev.larder.thymeleaf;

import dev.larder.Cache;
import dev.larder.Timeout;
import dev.larder.hibernate.ModelStamps;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link Stamps} over larder-hibernate's {@link ModelStamps}: the one class that names it. */
final class HibernateStamps implements Stamps {
    private final ModelStamps stamps;

    HibernateStamps(ModelStamps stamps) {
        this.stamps = Objects.requireNonNull(stamps, "stamps");
    }

    @Override
    public List<String> keysOf(Object what) {
        return stamps.keysOf(what);
    }

    @Override
    public Map<String, Long> read(Collection<String> keys) {
        return stamps.read(keys);
    }

    @Override
    public Map<String, Long> recorded(Collection<String> keys) {
        return stamps.recorded(keys);
    }

    @Override
    public boolean anyPending(Map<String, Long> recorded) {
        return ModelStamps.anyPending(recorded);
    }

    @Override
    public StampedText get(Cache cache, String key) {
        ModelStamps.Stamped found = stamps.get(cache, key);
        // Something else stored under a fragment's key is a miss, never a page part.
        return found != null && found.value() instanceof String text ? new StampedText(text, found.stamps()) : null;
    }

    @Override
    public boolean put(Cache cache, String key, String text, Timeout timeout, Map<String, Long> recorded) {
        return stamps.put(cache, key, text, timeout, recorded);
    }
}
