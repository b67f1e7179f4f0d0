package dev.larder.demo.web;

import dev.larder.demo.family.Child;
import dev.larder.demo.family.Family;
import dev.larder.demo.family.Parent;
import java.util.List;

/**
 * What the pages show, built inside the read's transaction: the model cache returns detached
 * copies whose unfetched associations are proxies, so templates get plain values instead.
 */
public final class Views {
    private Views() {
    }

    /** A family. */
    public record FamilyRef(long id, String name) {
        static FamilyRef of(Family f) {
            return f == null ? null : new FamilyRef(f.id, f.name);
        }
    }

    /** A parent, with its family when the read fetched it ({@code null} otherwise, or when it has none). */
    public record ParentRef(long id, String name, FamilyRef family) {
        /** Without its family, which may be an unfetched proxy. */
        static ParentRef of(Parent p) {
            return p == null ? null : new ParentRef(p.id, p.name, null);
        }

        /** With its family, which the read fetched. */
        static ParentRef withFamily(Parent p) {
            return p == null ? null : new ParentRef(p.id, p.name, FamilyRef.of(p.family));
        }
    }

    /** A child; {@code mother} and {@code father} are {@code null} when the read did not fetch them. */
    public record ChildRow(long id, String name, String email, ParentRef mother, ParentRef father) {
        /** Without its parents, which may be unfetched proxies. */
        static ChildRow of(Child c) {
            return new ChildRow(c.id, c.name, c.email, null, null);
        }
    }

    /** A parent's page: the parent, its family and the children that name it as mother or father. */
    public record ParentPage(ParentRef parent, List<ChildRow> children) {
    }

    /** A family's page: the family and its parents. */
    public record FamilyPage(FamilyRef family, List<ParentRef> parents) {
    }
}
