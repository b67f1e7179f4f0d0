package dev.larder.hibernate;

import dev.larder.CacheRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link Orm#seedMumAndAlice()} committed before each test, and a second thread that reads Alice's mother. */
abstract class MumAndAliceFixture extends OrmFixture {
    protected final ExecutorService reader = Executors.newSingleThreadExecutor();
    protected long alice;
    protected long mum;

    MumAndAliceFixture(CacheRegistry caches, String url) {
        super(caches, url);
    }

    @BeforeEach
    void seed() {
        Orm.Seeded seeded = orm.seedMumAndAlice();
        mum = seeded.mum();
        alice = seeded.alice();
    }

    @AfterEach
    void stopReader() {
        reader.shutdownNow();
    }

    /** Alice's mother's name, read through the model cache in a transaction of its own. */
    protected String motherName() {
        return orm.tx(s -> models.get(s, Child.class, alice, "mother").mother.name);
    }

    /** {@link #motherName()} in the reader thread, waiting at most 10 s. */
    protected String readInOtherThread() {
        try {
            return reader.submit(this::motherName).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
