package dev.larder.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code incr} as one server-side step: a missing key answers nil instead of being created at
 * zero, as a bare {@code INCRBY} would, and nothing can expire or delete the key between the
 * check and the increment. {@code INCRBY} keeps the key's expiry and refuses non-integers and
 * overflow itself. Sent by digest ({@code EVALSHA}), and in full once a server has not seen it.
 */
final class IncrScript {
    static final String SOURCE = "if redis.call('EXISTS', KEYS[1]) == 0 then return false end\n"
            + "return redis.call('INCRBY', KEYS[1], ARGV[1])";
    private static final String SHA = sha1(SOURCE);

    /** The new value, or null when the key is missing. */
    Long run(RedisClusterAsyncCommands<String, byte[]> writer, String key, long delta, long awaitMillis)
            throws ExecutionException, TimeoutException, InterruptedException {
        String[] keys = {key};
        byte[] arg = Long.toString(delta).getBytes(StandardCharsets.US_ASCII);
        try {
            return writer.<Long>evalsha(SHA, ScriptOutputType.INTEGER, keys, arg).get(awaitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof RedisNoScriptException)) {
                throw e;
            }
            return writer.<Long>eval(SOURCE, ScriptOutputType.INTEGER, keys, arg).get(awaitMillis, TimeUnit.MILLISECONDS);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
