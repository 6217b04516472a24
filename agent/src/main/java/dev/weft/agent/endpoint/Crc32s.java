package dev.weft.agent.endpoint;

/**
 * CRC-32 of two byte sequences joined, from the CRC-32 of each and the second's length, without the
 * bytes: what zlib calls {@code crc32_combine}, which the JDK does not offer. Appending {@code n}
 * zero bytes to a message multiplies its CRC register by x^(8n) modulo the CRC polynomial; that
 * power is the product of the table's x^(2^k) for the bits of 8n, so a combination costs a few
 * polynomial multiplications (about a microsecond), whatever the length.
 */
final class Crc32s {

    /** The CRC-32 polynomial, bit-reversed as the register holds it. */
    private static final int POLY = 0xedb88320;
    /** x^(2^k) modulo the polynomial, for k = 0..31. */
    private static final int[] X2N = new int[32];

    static {
        int p = 1 << 30; // x^1
        X2N[0] = p;
        for (int k = 1; k < 32; k++) {
            X2N[k] = p = multiply(p, p);
        }
    }

    private Crc32s() {}

    /** The CRC-32 of A followed by B, given {@code crcA}, {@code crcB} and B's length in bytes. */
    static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        return (multiply(xToThe8n(lengthB), (int) crcA) ^ (int) crcB) & 0xffffffffL;
    }

    /** x^(8n) modulo the polynomial: n bytes of zeros. */
    private static int xToThe8n(long n) {
        int p = 1 << 31; // x^0
        for (int k = 3; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                p = multiply(X2N[k & 31], p);
            }
        }
        return p;
    }

    /** a times b modulo the polynomial, both bit-reversed (x^0 in the top bit). */
    private static int multiply(int a, int b) {
        int product = 0;
        for (int m = 1 << 31; m != 0; m >>>= 1) {
            if ((a & m) != 0) {
                product ^= b;
                if ((a & (m - 1)) == 0) {
                    break;
                }
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return product;
    }
}
