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
 * {@code setIfUnchanged} as one server-side step: the expected keys are compared byte for
 * byte and the value written only if all match, with no command of any client in between
 * (Redis runs a script atomically). KEYS[1] is the key to write, KEYS[2..] the expected keys;
 * ARGV[1] the value, ARGV[2] the expiry in milliseconds ("0": none; "-1": delete the key
 * instead, a conditional delete), ARGV[3..] the expected values. Sent by digest ({@code EVALSHA}), and in full once a server has not seen it.
 */
final class ConditionalSetScript {
    static final String SOURCE = "for i = 2, #KEYS do\n"
            + "  if redis.call('GET', KEYS[i]) ~= ARGV[i + 1] then return 0 end\n"
            + "end\n"
            + "if ARGV[2] == '-1' then redis.call('DEL', KEYS[1])\n"
            + "elseif ARGV[2] == '0' then redis.call('SET', KEYS[1], ARGV[1])\n"
            + "else redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end\n"
            + "return 1";
    private static final String SHA = sha1(SOURCE);

    /** ARGV[2]: the expiry in milliseconds, 0 for none, -1 to delete. */
    static byte[] expiry(long millis) {
        return Long.toString(millis).getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether the value was written (or the key deleted). */
    boolean run(RedisClusterAsyncCommands<String, byte[]> writer, String[] keys, byte[][] args, long awaitMillis)
            throws ExecutionException, TimeoutException, InterruptedException {
        Long stored;
        try {
            stored = writer.<Long>evalsha(SHA, ScriptOutputType.INTEGER, keys, args).get(awaitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof RedisNoScriptException)) {
                throw e;
            }
            stored = writer.<Long>eval(SOURCE, ScriptOutputType.INTEGER, keys, args).get(awaitMillis, TimeUnit.MILLISECONDS);
        }
        return stored != null && stored == 1L;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
