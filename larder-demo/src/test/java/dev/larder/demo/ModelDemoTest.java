package dev.larder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelDemoTest {
    @Test
    void modelDemo_hitsRunNoSql_aRenameReachesEveryChild_aRollbackNothing_andABulkUpdateIsSeen() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ModelDemo.Result result;
        try (CacheRegistry caches = CacheRegistry.load()) {
            caches.defaultCache().clear();
            result = ModelDemo.run(caches, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        }
        assertThat(result.statementsPerHit()).isZero();
        assertThat(result.motherAfterRename()).isEqualTo("Mother");
        assertThat(result.stampsMoved()).as("instance and model stamp, at flush and after commit").isEqualTo(4);
        assertThat(result.motherAfterRollback()).isEqualTo("Mother");
        assertThat(result.fatherAfterBulk()).isEqualTo("DAD");
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("child 499 says 'Mother'");
    }
}
