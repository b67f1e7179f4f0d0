package dev.larder.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Compressed entries: a planted file costs at most deflate's own ratio times its length. */
class EntryFileTest {
    private static final long MIB = 1 << 20;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aBombAtDeflatesBestRatio_stillReadsBack_whenTheLimitAllows() throws Exception {
        byte[] zeros = new byte[(int) (16 * MIB)];
        byte[] bomb = planted(zeros);
        assertThat((long) zeros.length).as("best compression nears deflate's 1032 to 1")
                .isGreaterThan(1020L * (bomb.length - EntryFile.HEADER));
        assertThat(EntryFile.value(bomb, 64 * MIB)).isEqualTo(zeros);
    }

    @Test
    void aPlantedBomb_costsItsRatioTimesItsLength_atMost_andStopsAtTheValueLimit() throws Exception {
        byte[] bomb = planted(new byte[(int) (32 * MIB)]);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> EntryFile.value(bomb, MIB)).isInstanceOf(EntryFile.TooLargeException.class);
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - before)
                .as("a 1 MiB limit bounds a %,d-byte bomb's inflation", bomb.length).isLessThan(4 * MIB);

        before = THREADS.getCurrentThreadAllocatedBytes();
        assertThat(EntryFile.value(bomb, Long.MAX_VALUE)).hasSize((int) (32 * MIB));
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - before)
                .as("with no value limit, the file's length bounds what it costs (the buffer doubles, then is copied)")
                .isLessThan(5 * EntryFile.MAX_RATIO * bomb.length);
    }

    /** An entry file made as an attacker would, with deflate's best compression rather than Larder's fast one. */
    private static byte[] planted(byte[] value) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(value);
        deflater.finish();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        while (!deflater.finished()) {
            body.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        byte[] deflated = body.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(deflated);
        return ByteBuffer.allocate(EntryFile.HEADER + deflated.length).put(new byte[] {'L', 'R', 'D', 'R', 2, 1})
                .putLong(0).putInt(deflated.length).putInt((int) crc.getValue()).put(deflated).array();
    }
}
