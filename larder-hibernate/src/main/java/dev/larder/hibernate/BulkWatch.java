package dev.larder.hibernate;

import java.sql.PreparedStatement;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.hibernate.boot.registry.StandardServiceInitiator;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.jdbc.internal.JdbcServicesImpl;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.service.spi.ServiceContributor;
import org.hibernate.service.spi.ServiceRegistryImplementor;
import org.hibernate.sql.exec.spi.ExecutionContext;
import org.hibernate.sql.exec.spi.JdbcMutationExecutor;
import org.hibernate.sql.exec.spi.JdbcOperationQueryMutation;
import org.hibernate.sql.exec.spi.JdbcParameterBindings;

/**
 * Sees every bulk statement: HQL and Criteria {@code update}, {@code delete} and
 * {@code insert}, and native SQL run with {@code executeUpdate}. Hibernate runs all of them,
 * and no entity write, through {@link JdbcServices#getJdbcMutationExecutor()}; this
 * contribution wraps that executor, and after each statement the model cache moves the stamps
 * of every model whose tables the statement names (for native SQL, the query's synchronized
 * spaces; none named means every model, as Hibernate's own second-level cache assumes).
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
            ModelCache models = ModelCache.find(context.getSession().getFactory());
            if (models != null) {
                models.bulkWrote(context.getSession(), mutation.getAffectedTableNames());
            }
            return rows;
        }
    }
}
