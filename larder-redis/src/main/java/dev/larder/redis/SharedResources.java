package dev.larder.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The event loops and timers every Redis cache in the process shares, made on first use and
 * shut down when the last cache closes: one set of threads however many caches there are.
 */
final class SharedResources {
    /**
     * Reconnect quickly after a server comes back: the default backs off to 30 s, far longer
     * than a cache should stay down after its server has returned.
     */
    private static final Delay RECONNECT = Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2,
            TimeUnit.MILLISECONDS);

    /**
     * Many threads share one connection, and each command would otherwise be its own write to
     * the socket. Flushes that arrive while the event loop has queued work are merged, so a
     * burst of commands from many threads leaves in one write and the server reads them in one
     * go (docs/BENCHMARKS.md: 1.2-1.4x the throughput of a plain Lettuce connection at 50
     * threads). Added last in the pipeline, where commands written to the channel enter; the
     * connection handshake, written further in, is not delayed.
     */
    private static final NettyCustomizer CONSOLIDATE_FLUSHES = new NettyCustomizer() {
        @Override
        public void afterChannelInitialized(Channel channel) {
            channel.pipeline().addLast(new FlushConsolidationHandler(
                    FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        }
    };

    private static ClientResources resources;
    private static int users;

    private SharedResources() {
    }

    static synchronized ClientResources acquire() {
        if (resources == null) {
            resources = DefaultClientResources.builder().reconnectDelay(RECONNECT).nettyCustomizer(CONSOLIDATE_FLUSHES)
                    .build();
        }
        users++;
        return resources;
    }

    static synchronized void release() {
        if (--users == 0) {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            resources = null;
        }
    }
}
