package dev.larder.benchmarks;

import java.util.Arrays;
import java.util.Random;

/** The benchmarks' data: 10,000 keys and 100-byte values, read in a fixed shuffled order. */
final class Workload {
    static final int LIVE_KEYS = 10_000;
    static final int VALUE_BYTES = 100;
    /** A power of two, so the next index is a mask, not a division or a random draw. */
    static final int ORDER_SIZE = 1 << 14;

    private Workload() {
    }

    static String key(int i) {
        return "user:" + i + ":profile";
    }

    /** Every live key at least once, in an order that defeats the hardware prefetcher. */
    static String[] readOrder() {
        String[] order = new String[ORDER_SIZE];
        Random random = new Random(7);
        for (int i = 0; i < ORDER_SIZE; i++) {
            order[i] = key(i < LIVE_KEYS ? i : random.nextInt(LIVE_KEYS));
        }
        for (int i = ORDER_SIZE - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    static byte[] bytesValue(int i) {
        byte[] value = new byte[VALUE_BYTES];
        Arrays.fill(value, (byte) i);
        return value;
    }

    static String stringValue(int i) {
        StringBuilder b = new StringBuilder(VALUE_BYTES);
        while (b.length() < VALUE_BYTES) {
            b.append(i).append(' ');
        }
        return b.substring(0, VALUE_BYTES);
    }
}
