package dev.larder.serial;

/**
 * The one-byte tags of Larder's value format. A long is written as its ASCII digits with no
 * tag (so tags stay below {@code '-'}, 0x2d), the form Redis {@code INCRBY} and Memcached
 * {@code incr} work on. Tags 1 to 10 are the original format's and keep their meaning, so
 * entries written before collections had tags of their own still decode.
 */
final class Tags {
    static final byte STRING = 1;
    static final byte BYTES = 2;
    static final byte DOUBLE = 3;
    static final byte FLOAT = 4;
    static final byte TRUE = 5;
    static final byte FALSE = 6;
    static final byte CHAR = 7;
    static final byte OPTIONAL_EMPTY = 8;
    static final byte OPTIONAL_OF = 9;
    static final byte JAVA = 10;
    static final byte INT = 11;
    static final byte SHORT = 12;
    static final byte BYTE = 13;
    static final byte LIST = 14;
    static final byte SET = 15;
    static final byte MAP = 16;
    static final byte RECORD = 17;
    static final byte ENUM = 18;
    static final byte BIG_INTEGER = 19;
    static final byte BIG_DECIMAL = 20;
    static final byte UUID = 21;
    static final byte TEXT = 22;
    static final byte ARRAY = 23;
    /** A string with an unpaired surrogate, which UTF-8 cannot hold, as UTF-16BE. */
    static final byte UTF16 = 24;
    /** A {@link dev.larder.support.ReadOnlyBytes}, read back as a view of the stored bytes. */
    static final byte READ_ONLY_BYTES = 25;

    private Tags() {
    }
}
