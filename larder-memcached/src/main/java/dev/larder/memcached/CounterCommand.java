package dev.larder.memcached;

import com.google.code.yanf4j.buffer.IoBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import net.rubyeye.xmemcached.command.Command;
import net.rubyeye.xmemcached.command.CommandType;
import net.rubyeye.xmemcached.impl.MemcachedTCPSession;
import net.rubyeye.xmemcached.utils.ByteUtils;

/**
 * Memcached's own {@code incr}/{@code decr}, sent as they are. xmemcached's {@code incr} stores
 * an initial value when the key is missing, where Larder must report the key missing, and
 * reads the reply as a signed {@code long}, which a counter past {@code Long.MAX_VALUE} is not;
 * this command does neither: {@link #NOT_FOUND} for a missing key, the reply as unsigned.
 */
final class CounterCommand extends Command {
    static final Object NOT_FOUND = new Object();

    private final long unsignedDelta;

    CounterCommand(String key, byte[] keyBytes, boolean increment, long unsignedDelta) {
        super(key, keyBytes, increment ? CommandType.INCR : CommandType.DECR, new CountDownLatch(1));
        this.unsignedDelta = unsignedDelta;
    }

    @Override
    public void encode() {
        byte[] verb = (getCommandType() == CommandType.INCR ? "incr " : "decr ").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (" " + Long.toUnsignedString(unsignedDelta) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[verb.length + getKeyBytes().length + tail.length];
        System.arraycopy(verb, 0, line, 0, verb.length);
        System.arraycopy(getKeyBytes(), 0, line, verb.length, getKeyBytes().length);
        System.arraycopy(tail, 0, line, verb.length + getKeyBytes().length, tail.length);
        setIoBuffer(IoBuffer.wrap(line));
    }

    @Override
    public boolean decode(MemcachedTCPSession session, ByteBuffer buffer) {
        String line = ByteUtils.nextLine(buffer);
        if (line == null) {
            return false;
        }
        if (line.equals("NOT_FOUND")) {
            setResult(NOT_FOUND);
            countDownLatch();
            return true;
        }
        String digits = line.trim();
        if (!digits.isEmpty() && Character.isDigit(digits.charAt(0))) {
            setResult(Long.parseUnsignedLong(digits));
            countDownLatch();
            return true;
        }
        return decodeError(line);
    }
}
