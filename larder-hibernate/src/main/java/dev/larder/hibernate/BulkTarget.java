package dev.larder.hibernate;

import org.hibernate.query.MutationQuery;
import org.hibernate.query.hql.spi.SqmQueryImplementor;
import org.hibernate.query.sqm.tree.SqmDmlStatement;

/** The model a bulk HQL statement writes, read from Hibernate's parsed statement. */
final class BulkTarget {
    private BulkTarget() {
    }

    static String of(MutationQuery query) {
        if (!(query instanceof SqmQueryImplementor<?> sqm)) {
            throw new IllegalArgumentException("not an HQL mutation query (for native SQL, call invalidateAll with"
                    + " the models it writes): " + query);
        }
        if (!(sqm.getSqmStatement() instanceof SqmDmlStatement<?> dml)) {
            throw new IllegalArgumentException("not an update, delete or insert statement: " + query);
        }
        return dml.getTarget().getModel().getHibernateEntityName();
    }
}
