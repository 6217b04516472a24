package dev.weft.agent.endpoint;

/**
 * CRC-32 of two byte sequences joined, from the CRC-32 of each and the second's length, without the
 * bytes: what zlib calls {@code crc32_combine}, which the JDK does not offer. Appending {@code n}
 * zero bytes to a message is a linear map on its CRC register; the map for {@code n} is built by
 * squaring the one-zero-bit map (the CRC polynomial as a 32x32 matrix over GF(2)) per bit of {@code n}.
 */
final class Crc32s {

    private Crc32s() {}

    /** The CRC-32 of A followed by B, given {@code crcA}, {@code crcB} and B's length in bytes. */
    static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] even = new long[32];
        long[] odd = new long[32];
        odd[0] = 0xedb88320L; // one zero bit: the reversed polynomial
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four
        long crc = crcA;
        long n = lengthB;
        do {
            square(even, odd); // eight zero bits (one byte) on the first round, doubling after
            if ((n & 1) != 0) {
                crc = times(even, crc);
            }
            n >>>= 1;
            if (n == 0) {
                break;
            }
            square(odd, even);
            if ((n & 1) != 0) {
                crc = times(odd, crc);
            }
            n >>>= 1;
        } while (n != 0);
        return (crc ^ crcB) & 0xffffffffL;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] result, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            result[n] = times(matrix, matrix[n]);
        }
    }
}
