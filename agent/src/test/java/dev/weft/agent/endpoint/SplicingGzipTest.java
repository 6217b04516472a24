package dev.weft.agent.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Gzip bodies with spliced blocks decode, with the JDK's own gzip reader, to exactly the text they
 * were given, in any order of plain writes, blocks and splices; and the CRC-32 combination matches
 * the CRC-32 of the joined bytes.
 */
class SplicingGzipTest {

    @Test
    void combinedCrcsAreTheCrcOfTheJoinedBytes() {
        Random random = new Random(3);
        for (int lengthA : new int[] {0, 1, 7, 1000, 70_000}) {
            for (int lengthB : new int[] {0, 1, 13, 4096, 100_003}) {
                byte[] a = new byte[lengthA];
                byte[] b = new byte[lengthB];
                random.nextBytes(a);
                random.nextBytes(b);
                CRC32 joined = new CRC32();
                joined.update(a);
                joined.update(b);
                assertEquals(joined.getValue(), Crc32s.combine(crc(a), crc(b), lengthB), lengthA + "+" + lengthB);
            }
        }
    }

    @Test
    void blocksSplicedFromAnEarlierBodyDecodeToTheSameTextAsWritingItAgain() throws IOException {
        String header = text("# HELP requests Requests.\n", 3);
        String[] series = new String[5];
        for (int i = 0; i < series.length; i++) {
            series[i] = text("requests_bucket{route=\"/r" + i + "\",le=\"0.5\"} " + i + "\n", 400 + i);
        }
        // the first body: a header, then each series as a block
        PageBuffer first = new PageBuffer(64);
        SplicingGzip zip = new SplicingGzip(first);
        SplicingGzip.Block[] blocks = new SplicingGzip.Block[series.length];
        zip.write(ascii(header));
        for (int i = 0; i < series.length; i++) {
            zip.beginBlock();
            zip.write(ascii(series[i]));
            blocks[i] = zip.endBlock();
        }
        zip.close();
        assertEquals(header + String.join("", series), gunzip(first));

        // the next: blocks spliced between text written around them, one block written anew, one
        // text repeating what a spliced block holds (the deflater must not refer into it)
        PageBuffer next = new PageBuffer(64);
        zip = new SplicingGzip(next);
        zip.write(ascii(header));
        zip.splice(blocks[0]);
        zip.splice(blocks[1]);
        zip.write(ascii(series[1]));
        zip.beginBlock();
        zip.write(ascii("changed\n"));
        SplicingGzip.Block changed = zip.endBlock();
        zip.splice(blocks[3]);
        zip.write(ascii(series[3]));
        zip.splice(blocks[4]);
        zip.close();
        assertEquals(header + series[0] + series[1] + series[1] + "changed\n" + series[3] + series[3] + series[4],
                gunzip(next));

        // a body made only of spliced blocks
        PageBuffer only = new PageBuffer(64);
        zip = new SplicingGzip(only);
        zip.splice(changed);
        zip.splice(blocks[2]);
        zip.close();
        assertEquals("changed\n" + series[2], gunzip(only));
    }

    @Test
    void anEmptyBodyIsAValidGzipOfNothing() throws IOException {
        PageBuffer page = new PageBuffer(64);
        new SplicingGzip(page).close();
        assertArrayEquals(new byte[0], gunzip(page).getBytes(StandardCharsets.US_ASCII));
    }

    static String gunzip(PageBuffer page) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(page.bytes, 0, page.size))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
            return out.toString("UTF-8");
        }
    }

    private static String text(String line, int times) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < times; i++) {
            b.append(line.replace("0.5", Integer.toString(i % 17)));
        }
        return b.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static long crc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return crc.getValue();
    }
}
