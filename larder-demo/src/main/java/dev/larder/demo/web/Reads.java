package dev.larder.demo.web;

import dev.larder.demo.web.Views.ChildRow;
import dev.larder.demo.web.Views.FamilyPage;
import dev.larder.demo.web.Views.FamilyRef;
import dev.larder.demo.web.Views.ParentPage;
import dev.larder.demo.web.Views.ParentRef;
import java.util.List;

/**
 * How the pages read the models: through Larder's model cache ({@link ModelCacheReads}, the
 * default) or with plain JPA fetch joins ({@link JpaReads}, {@code demo.reads=jpa}, the
 * {@code nocache} profile's baseline). Each method runs in a read-only transaction of its own;
 * {@code null} or an empty list when there is no such row. Thread-safe.
 */
public interface Reads {
    /** Every child, by id, with both parents' names. */
    List<ChildRow> children();

    /** One child with both parents and their families. */
    ChildRow child(long id);

    ParentPage parent(long id);

    FamilyPage family(long id);

    /** Every parent, by id, for the edit form's choices. */
    List<ParentRef> parents();

    /** Every family, by id, for the home page. */
    List<FamilyRef> families();
}
