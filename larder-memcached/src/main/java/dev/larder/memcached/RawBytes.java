package dev.larder.memcached;

import net.rubyeye.xmemcached.transcoders.CachedData;
import net.rubyeye.xmemcached.transcoders.CompressionMode;
import net.rubyeye.xmemcached.transcoders.Transcoder;

/**
 * Hands Larder's serialised bytes to Memcached as they are, with flags 0: no second
 * serialisation, no compression, and integers left as the decimal digits {@code incr} works on.
 * The item size limit is the server's to enforce, not the client's.
 *
 * <p>Public for other xmemcached clients that read or write the same items as Larder, for
 * example {@code client.get(":1:key", RawBytes.INSTANCE)}; xmemcached's own default
 * transcoder marks a {@code byte[]} with a flag of its own and reads flags 0 as a string.
 */
public final class RawBytes implements Transcoder<byte[]> {
    /** The one instance; it holds no state. */
    public static final RawBytes INSTANCE = new RawBytes();

    private RawBytes() {
    }

    @Override
    public CachedData encode(byte[] value) {
        return new CachedData(0, value, Integer.MAX_VALUE, -1);
    }

    @Override
    public byte[] decode(CachedData data) {
        return data.getData();
    }

    @Override
    public void setPrimitiveAsString(boolean primitiveAsString) {
    }

    @Override
    public void setPackZeros(boolean packZeros) {
    }

    @Override
    public void setCompressionThreshold(int threshold) {
    }

    @Override
    public boolean isPrimitiveAsString() {
        return false;
    }

    @Override
    public boolean isPackZeros() {
        return false;
    }

    @Override
    public void setCompressionMode(CompressionMode compressionMode) {
    }
}
