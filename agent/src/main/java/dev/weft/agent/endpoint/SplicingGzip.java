package dev.weft.agent.endpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip body written into a page, at deflate's fastest level, into which blocks compressed for an
 * earlier page can be spliced unchanged:
 *
 * <pre>{@code
 * SplicingGzip zip = new SplicingGzip(page);
 * zip.write(header);                              // compressed as usual
 * zip.beginBlock();
 * zip.write(seriesText);
 * SplicingGzip.Block block = zip.endBlock();      // its compressed bytes, kept by the caller
 * ...next scrape, same series unchanged...
 * zip.splice(block);                              // copied, not compressed again
 * zip.close();                                    // final block, CRC-32 and length
 * }</pre>
 *
 * <p>Why: compressing a large page is most of a gzip scrape (a 6 MB page takes 15 to 20 ms at the
 * fastest level), and Prometheus asks every scrape for gzip while most of a large page did not
 * change since the scrape before. A block is made self-contained by a full flush before and after
 * it: the deflater forgets what came before (so the block refers to nothing outside itself) and
 * ends on a byte boundary. The deflater is flushed the same way before every splice, so what it
 * writes afterwards never refers back across the spliced bytes. The trailer's CRC-32 is combined
 * from the parts' ({@link Crc32s#combine}).
 */
final class SplicingGzip extends OutputStream {

    /** Magic, deflate, no flags, no time, fastest compression, unknown OS. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 4, (byte) 0xff};

    private final PageBuffer out;
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final byte[] buffer = new byte[32 * 1024];
    /** The CRC-32 of what the deflater was given since the last fold, and how many bytes that was. */
    private final CRC32 running = new CRC32();
    private long runningLength;
    /** The CRC-32 of everything before that, and the body's whole uncompressed length. */
    private long crc;
    private long length;
    private int blockStart = -1;
    private boolean closed;

    SplicingGzip(PageBuffer out) {
        this.out = out;
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        running.update(b, off, len);
        runningLength += len;
        deflater.setInput(b, off, len);
        while (!deflater.needsInput()) {
            int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
            out.write(buffer, 0, n);
        }
    }

    /** From here, what is written until {@link #endBlock} becomes one block. */
    void beginBlock() {
        fullFlush();
        blockStart = out.size;
    }

    /** The block written since {@link #beginBlock}, compressed and self-contained. */
    Block endBlock() {
        if (blockStart < 0) {
            throw new IllegalStateException("no block begun");
        }
        long crc = running.getValue(); // what was written since beginBlock, which folded the rest
        long length = runningLength;
        fullFlush();
        Block block = new Block(Arrays.copyOfRange(out.bytes, blockStart, out.size), crc, length);
        blockStart = -1;
        return block;
    }

    /** Adds a block from an earlier body as it is. */
    void splice(Block block) {
        fullFlush();
        out.write(block.compressed);
        crc = Crc32s.combine(crc, block.crc, block.length);
        length += block.length;
    }

    /** Writes what the deflater holds, byte-aligned, and makes it forget the data before. */
    private void fullFlush() {
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        crc = Crc32s.combine(crc, running.getValue(), runningLength);
        length += runningLength;
        running.reset();
        runningLength = 0;
    }

    /** Ends the body: the final deflate block and the trailer. Frees the deflater's native memory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deflater.finish();
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer, 0, buffer.length);
                out.write(buffer, 0, n);
            }
            crc = Crc32s.combine(crc, running.getValue(), runningLength);
            length += runningLength;
            writeIntLittleEndian(crc);
            writeIntLittleEndian(length);
        } finally {
            deflater.end();
        }
    }

    /** Frees the deflater if the body was not ended (a rendering that failed); nothing after {@link #close}. */
    void abandon() {
        if (!closed) {
            closed = true;
            deflater.end();
        }
    }

    private void writeIntLittleEndian(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    /** Compressed bytes that need nothing before them, with the CRC-32 and length of what they hold. */
    static final class Block {
        final byte[] compressed;
        final long crc;
        final long length;

        Block(byte[] compressed, long crc, long length) {
            this.compressed = compressed;
            this.crc = crc;
            this.length = length;
        }
    }
}
