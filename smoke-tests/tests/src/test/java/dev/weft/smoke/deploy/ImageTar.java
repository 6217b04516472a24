package dev.weft.smoke.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a tar stream into memory, entry name to content: {@code ImageTar.read(in)}. Enough for image
 * archives and their layers (ustar and PAX headers, regular files and directories); directories map
 * to an empty array and keep their trailing slash.
 */
final class ImageTar {

    private static final int BLOCK = 512;

    private ImageTar() {}

    static Map<String, byte[]> read(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String paxPath = null;
        byte[] header = new byte[BLOCK];
        while (readBlock(in, header)) {
            if (isZero(header)) {
                break; // end-of-archive marker
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            byte[] content = readContent(in, size);
            if (type == 'x') {
                paxPath = paxValue(content, "path");
                continue;
            }
            if (type == 'g') {
                continue;
            }
            String path = paxPath != null ? paxPath : (prefix.isEmpty() ? name : prefix + "/" + name);
            paxPath = null;
            entries.put(path, content);
        }
        return entries;
    }

    private static byte[] readContent(InputStream in, long size) throws IOException {
        byte[] content = new byte[(int) size];
        int read = 0;
        while (read < size) {
            int n = in.read(content, read, (int) size - read);
            if (n < 0) {
                throw new IOException("tar entry truncated");
            }
            read += n;
        }
        long padding = (BLOCK - size % BLOCK) % BLOCK;
        in.readNBytes((int) padding);
        return content;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new IOException("tar header truncated");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** PAX records are "LEN key=value\n". */
    private static String paxValue(byte[] records, String key) {
        for (String record : new String(records, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            int eq = record.indexOf('=');
            if (space > 0 && eq > space && record.substring(space + 1, eq).equals(key)) {
                return record.substring(eq + 1);
            }
        }
        return null;
    }
}
