package dev.larder.hibernate;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.hibernate.boot.registry.StandardServiceInitiator;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.jdbc.internal.JdbcServicesImpl;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.metamodel.mapping.EntityMappingType;
import org.hibernate.metamodel.mapping.internal.MappingModelCreationProcess;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.spi.DomainQueryExecutionContext;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.mutation.internal.SqmMultiTableMutationStrategyProviderStandard;
import org.hibernate.query.sqm.mutation.spi.MultiTableHandler;
import org.hibernate.query.sqm.mutation.spi.MultiTableHandlerBuildResult;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableInsertStrategy;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableMutationStrategy;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableMutationStrategyProvider;
import org.hibernate.query.sqm.tree.SqmDeleteOrUpdateStatement;
import org.hibernate.query.sqm.tree.insert.SqmInsertStatement;
import org.hibernate.service.spi.ServiceContributor;
import org.hibernate.service.spi.ServiceRegistryImplementor;
import org.hibernate.sql.exec.spi.ExecutionContext;
import org.hibernate.sql.exec.spi.JdbcMutationExecutor;
import org.hibernate.sql.exec.spi.JdbcOperationQueryMutation;
import org.hibernate.sql.exec.spi.JdbcParameterBindings;

/**
 * Sees every bulk statement: HQL and Criteria {@code update}, {@code delete} and
 * {@code insert}, and native SQL run with {@code executeUpdate}. Hibernate runs single-table
 * statements and native SQL, and no entity write, through
 * {@link JdbcServices#getJdbcMutationExecutor()}, and statements on several tables through a
 * multi-table strategy (on PostgreSQL one statement with common table expressions, run as a
 * select). This contribution wraps both: after each statement the model cache moves the
 * stamps of every model whose tables the statement names (for native SQL, the query's
 * synchronized spaces; none named means every model, as Hibernate's own second-level cache
 * assumes), or of the multi-table statement's model and its subclasses.
 *
 * <p>Found by Hibernate through {@code META-INF/services}; {@value #WATCH_BULK}{@code =false}
 * (or {@value LarderIntegrator#ENABLED}{@code =false}) leaves Hibernate's {@code JdbcServices}
 * alone, for a setup that replaces that service itself. Then call
 * {@link ModelCache#invalidateAll(org.hibernate.Session, Class)} after each bulk statement.
 */
public final class BulkWatch implements ServiceContributor {
    public static final String WATCH_BULK = "larder.hibernate.watch-bulk";

    @Override
    public void contribute(StandardServiceRegistryBuilder builder) {
        Map<String, Object> settings = builder.getSettings();
        if ("false".equalsIgnoreCase(String.valueOf(settings.get(LarderIntegrator.ENABLED)))
                || "false".equalsIgnoreCase(String.valueOf(settings.get(WATCH_BULK)))) {
            return;
        }
        builder.addInitiator(new Initiator());
        builder.addInitiator(new StrategiesInitiator());
    }

    /** Replaces the standard {@link JdbcServices} with one whose mutation executor reports. */
    private static final class Initiator implements StandardServiceInitiator<JdbcServices> {
        @Override
        public Class<JdbcServices> getServiceInitiated() {
            return JdbcServices.class;
        }

        @Override
        public JdbcServices initiateService(Map<String, Object> settings, ServiceRegistryImplementor registry) {
            return new Watched();
        }
    }

    /**
     * Statements on several tables (joined or table-per-class inheritance, secondary tables,
     * an insert that needs ids from a pooled sequence) run through a multi-table strategy, and
     * on some databases (PostgreSQL: one statement with common table expressions) not through
     * the mutation executor at all. Each strategy's handlers are wrapped to report the model.
     */
    private static final class StrategiesInitiator implements StandardServiceInitiator<SqmMultiTableMutationStrategyProvider> {
        @Override
        public Class<SqmMultiTableMutationStrategyProvider> getServiceInitiated() {
            return SqmMultiTableMutationStrategyProvider.class;
        }

        @Override
        public SqmMultiTableMutationStrategyProvider initiateService(Map<String, Object> settings,
                                                                     ServiceRegistryImplementor registry) {
            return new Strategies(new SqmMultiTableMutationStrategyProviderStandard());
        }
    }

    private record Strategies(SqmMultiTableMutationStrategyProvider delegate) implements SqmMultiTableMutationStrategyProvider {
        @Override
        public SqmMultiTableMutationStrategy createMutationStrategy(EntityMappingType root, MappingModelCreationProcess process) {
            SqmMultiTableMutationStrategy strategy = delegate.createMutationStrategy(root, process);
            return strategy == null ? null : new Strategy(strategy, null, root);
        }

        @Override
        public SqmMultiTableInsertStrategy createInsertStrategy(EntityMappingType root, MappingModelCreationProcess process) {
            SqmMultiTableInsertStrategy strategy = delegate.createInsertStrategy(root, process);
            return strategy == null ? null : new Strategy(null, strategy, root);
        }
    }

    /** One of Hibernate's strategies (for update and delete, or for insert), its handlers wrapped. */
    private record Strategy(SqmMultiTableMutationStrategy mutations, SqmMultiTableInsertStrategy inserts,
                            EntityMappingType root) implements SqmMultiTableMutationStrategy, SqmMultiTableInsertStrategy {
        @Override
        public void prepare(MappingModelCreationProcess process, JdbcConnectionAccess access) {
            if (mutations != null) {
                mutations.prepare(process, access);
            } else {
                inserts.prepare(process, access);
            }
        }

        @Override
        public void prepare(MappingModelCreationProcess process) {
            if (mutations != null) {
                mutations.prepare(process);
            } else {
                inserts.prepare(process);
            }
        }

        @Override
        public void release(SessionFactoryImplementor factory, JdbcConnectionAccess access) {
            if (mutations != null) {
                mutations.release(factory, access);
            } else {
                inserts.release(factory, access);
            }
        }

        @Override
        public MultiTableHandlerBuildResult buildHandler(SqmDeleteOrUpdateStatement<?> statement,
                                                         DomainParameterXref xref, DomainQueryExecutionContext context) {
            return reporting(mutations.buildHandler(statement, xref, context), root);
        }

        @Override
        public MultiTableHandlerBuildResult buildHandler(SqmInsertStatement<?> statement, DomainParameterXref xref,
                                                         DomainQueryExecutionContext context) {
            return reporting(inserts.buildHandler(statement, xref, context), root);
        }
    }

    private static MultiTableHandlerBuildResult reporting(MultiTableHandlerBuildResult built, EntityMappingType root) {
        return new MultiTableHandlerBuildResult(new Handler(built.multiTableHandler(), root),
                built.firstJdbcParameterBindings());
    }

    /** A multi-table handler that reports its root model (with every subclass) after it runs. */
    private record Handler(MultiTableHandler delegate, EntityMappingType root) implements MultiTableHandler {
        @Override
        public JdbcParameterBindings createJdbcParameterBindings(DomainQueryExecutionContext context) {
            return delegate.createJdbcParameterBindings(context);
        }

        @Override
        public boolean dependsOnParameterBindings() {
            return delegate.dependsOnParameterBindings();
        }

        @Override
        public boolean isCompatibleWith(JdbcParameterBindings bindings, QueryOptions options) {
            return delegate.isCompatibleWith(bindings, options);
        }

        @Override
        public int execute(JdbcParameterBindings bindings, DomainQueryExecutionContext context) {
            int rows = delegate.execute(bindings, context);
            WriteTracker writes = LarderIntegrator.writeTracker(context.getSession().getFactory());
            if (writes != null) {
                writes.wroteWithoutCommitEvent(context.getSession(), StampStore.forBulk(root.getEntityPersister()),
                        "bulk statement on " + root.getEntityPersister().getJpaEntityName());
            }
            return rows;
        }
    }

    /** Hibernate's own {@code JdbcServices}, with the executor of bulk statements wrapped. */
    private static final class Watched extends JdbcServicesImpl {
        private final JdbcMutationExecutor executor = new Reporting(super.getJdbcMutationExecutor());

        @Override
        public JdbcMutationExecutor getJdbcMutationExecutor() {
            return executor;
        }
    }

    private record Reporting(JdbcMutationExecutor delegate) implements JdbcMutationExecutor {
        @Override
        public int execute(JdbcOperationQueryMutation mutation, JdbcParameterBindings bindings,
                           Function<String, PreparedStatement> statementCreator,
                           BiConsumer<Integer, PreparedStatement> expectationCheck, ExecutionContext context) {
            int rows = delegate.execute(mutation, bindings, statementCreator, expectationCheck, context);
            SharedSessionContractImplementor session = context.getSession();
            WriteTracker writes = LarderIntegrator.writeTracker(session.getFactory());
            if (writes != null) {
                List<String> stamps = stampsOf(session.getFactory().getMappingMetamodel(), mutation.getAffectedTableNames());
                if (!stamps.isEmpty()) {
                    writes.wroteWithoutCommitEvent(session, stamps,
                            mutation.getAffectedTableNames().isEmpty() ? "SQL statement naming no tables (every model)"
                                    : "bulk statement on tables " + mutation.getAffectedTableNames());
                }
            }
            return rows;
        }
    }

    /**
     * The stamps a bulk statement on these tables moves: those of every model mapped to one of
     * them, with its subclasses and superclasses. No tables named (native SQL without
     * synchronized spaces) means every model.
     */
    private static List<String> stampsOf(MappingMetamodel metamodel, Set<String> tables) {
        Set<String> written = new HashSet<>();
        tables.forEach(t -> written.add(tableName(t)));
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        metamodel.forEachEntityDescriptor(persister -> {
            if (written.isEmpty() || writes(written, persister)) {
                keys.addAll(StampStore.forBulk(persister));
            }
        });
        return List.copyOf(keys);
    }

    /**
     * A table name as compared here: without schema or catalog, quotes or case, so that a
     * native query's {@code addSynchronizedQuerySpace("parent")} finds the model mapped to
     * {@code app."Parent"}. Two models whose tables differ only so are both invalidated.
     */
    private static String tableName(String space) {
        String name = space.substring(space.lastIndexOf('.') + 1);
        return name.replace("\"", "").replace("`", "").replace("[", "").replace("]", "")
                .toLowerCase(Locale.ROOT);
    }

    private static boolean writes(Set<String> tables, EntityPersister persister) {
        for (Serializable space : persister.getQuerySpaces()) {
            if (tables.contains(tableName(space.toString()))) {
                return true;
            }
        }
        return false;
    }
}
