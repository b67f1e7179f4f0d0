package dev.larder.hibernate;

import org.hibernate.event.spi.PostCommitDeleteEventListener;
import org.hibernate.event.spi.PostCommitInsertEventListener;
import org.hibernate.event.spi.PostCommitUpdateEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.event.spi.PostUpsertEvent;
import org.hibernate.event.spi.PostUpsertEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The entity events that move stamps. Two listeners, because an invalidation happens twice
 * (spec/django-cache.md §9, spec/invalidation.md §7.1):
 *
 * <ul>
 *   <li>{@link AtFlush}, when the statement runs inside the transaction: the writer's own
 *       later reads miss (race C), and its session stops filling the cache until the
 *       transaction ends, since it sees uncommitted rows;
 *   <li>{@link AfterCommit}, Hibernate's post-commit listeners: any entry filled from the old
 *       row while the writer was in flight is now stale (races A and B). A transaction that
 *       rolls back never reaches them.
 * </ul>
 */
final class Invalidator {
    private Invalidator() {
    }

    /** Runs as each insert, update, delete or (stateless) upsert is executed. */
    static final class AtFlush implements PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener,
            PostUpsertEventListener {
        private final WriteTracker writes;

        AtFlush(WriteTracker writes) {
            this.writes = writes;
        }

        @Override
        public void onPostInsert(PostInsertEvent event) {
            writes.flushed(event.getSession(), event.getPersister(), event.getId(), "insert");
        }

        @Override
        public void onPostUpdate(PostUpdateEvent event) {
            writes.flushed(event.getSession(), event.getPersister(), event.getId(), "update");
        }

        @Override
        public void onPostDelete(PostDeleteEvent event) {
            writes.flushed(event.getSession(), event.getPersister(), event.getId(), "delete");
        }

        /** An upsert has no post-commit event: the stamps move again when its transaction commits. */
        @Override
        public void onPostUpsert(PostUpsertEvent event) {
            writes.wroteWithoutCommitEvent(event.getSession(), StampStore.forWrite(event.getPersister(), event.getId()),
                    WriteTracker.describe("upsert", event.getPersister(), event.getId()));
        }

        @Override
        public boolean requiresPostCommitHandling(EntityPersister persister) {
            return false;
        }
    }

    /** Runs after the transaction committed; never for one that rolled back. */
    static final class AfterCommit
            implements PostCommitInsertEventListener, PostCommitUpdateEventListener, PostCommitDeleteEventListener {
        private final WriteTracker writes;

        AfterCommit(WriteTracker writes) {
            this.writes = writes;
        }

        @Override
        public void onPostInsert(PostInsertEvent event) {
            writes.committed(event.getPersister(), event.getId(), "insert");
        }

        @Override
        public void onPostUpdate(PostUpdateEvent event) {
            writes.committed(event.getPersister(), event.getId(), "update");
        }

        @Override
        public void onPostDelete(PostDeleteEvent event) {
            writes.committed(event.getPersister(), event.getId(), "delete");
        }

        @Override
        public void onPostInsertCommitFailed(PostInsertEvent event) {
            // Rolled back: nothing changed in the database. The session's completion callback
            // settles the stamps its flush left pending (WriteTracker.markDirty).
        }

        @Override
        public void onPostUpdateCommitFailed(PostUpdateEvent event) {
            // As above.
        }

        @Override
        public void onPostDeleteCommitFailed(PostDeleteEvent event) {
            // As above.
        }

        @Override
        public boolean requiresPostCommitHandling(EntityPersister persister) {
            return true;
        }
    }
}
