package dev.larder.demo.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.larder.demo.family.Child;
import dev.larder.demo.family.Family;
import dev.larder.demo.family.Parent;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pages show, built inside the read's transaction: the model cache returns detached
 * copies whose unfetched associations are proxies, so templates get plain values instead. Each
 * view keeps the entity it was built from, for {@code larder:depends-on="${view.shows()}"}:
 * the entities whose changes make a cached fragment of it stale.
 */
public final class Views {
    private Views() {
    }

    /** A family. */
    public record FamilyRef(long id, String name, @JsonIgnore Family entity) {
        static FamilyRef of(Family f) {
            return f == null ? null : new FamilyRef(f.id, f.name, f);
        }
    }

    /** A parent, with its family when the read fetched it ({@code null} otherwise, or when it has none). */
    public record ParentRef(long id, String name, FamilyRef family, @JsonIgnore Parent entity) {
        /** Without its family, which may be an unfetched proxy. */
        static ParentRef of(Parent p) {
            return p == null ? null : new ParentRef(p.id, p.name, null, p);
        }

        /** With its family, which the read fetched. */
        static ParentRef withFamily(Parent p) {
            return p == null ? null : new ParentRef(p.id, p.name, FamilyRef.of(p.family), p);
        }

        /** The parent, and her family when shown. */
        public List<Object> shows() {
            return family == null ? List.of(entity) : List.of(entity, family.entity());
        }
    }

    /** A child; {@code mother} and {@code father} are {@code null} when the read did not fetch them. */
    public record ChildRow(long id, String name, String email, ParentRef mother, ParentRef father,
            @JsonIgnore Child entity) {
        /** Without its parents, which may be unfetched proxies. */
        static ChildRow of(Child c) {
            return new ChildRow(c.id, c.name, c.email, null, null, c);
        }

        /** The child, and the parents (and their families) shown with it. */
        public List<Object> shows() {
            List<Object> out = new ArrayList<>(List.of(entity));
            for (ParentRef p : new ParentRef[] { mother, father }) {
                if (p != null) {
                    out.addAll(p.shows());
                }
            }
            return out;
        }

        /** What the JSON shows, as text: what the ETag digests (the entity's identity would change every read). */
        String describe() {
            return id + "|" + name + "|" + email + "|" + describe(mother) + "|" + describe(father);
        }

        private static String describe(ParentRef p) {
            return p == null ? "-" : p.id() + ":" + p.name() + ":" + (p.family() == null ? "-" : p.family().id() + ":"
                    + p.family().name());
        }
    }

    /** A parent's page: the parent, its family and the children that name it as mother or father. */
    public record ParentPage(ParentRef parent, List<ChildRow> children) {
    }

    /** A family's page: the family and its parents. */
    public record FamilyPage(FamilyRef family, List<ParentRef> parents) {
    }
}
