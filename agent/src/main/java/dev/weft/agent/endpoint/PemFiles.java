package dev.weft.agent.endpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Certificates and private keys from PEM files, as Kubernetes TLS secrets and cert-manager hold them
 * ({@code tls.crt}, {@code tls.key}, {@code ca.crt}).
 *
 * <pre>{@code
 * List<X509Certificate> chain = PemFiles.certificates(Paths.get("/etc/tls/tls.crt"));  // leaf first
 * PrivateKey key = PemFiles.privateKey(Paths.get("/etc/tls/tls.key"));
 * }</pre>
 *
 * <p>Keys in the three unencrypted encodings in use: PKCS#8 ({@code BEGIN PRIVATE KEY}, what
 * {@code openssl genpkey} and cert-manager's {@code encoding: PKCS8} write), PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, cert-manager's default for RSA) and SEC1 ({@code BEGIN EC PRIVATE
 * KEY}, cert-manager's default for ECDSA). The last two are rewrapped as PKCS#8, which is all the JDK
 * reads. Encrypted keys are refused with a message: a secret volume holds them unencrypted.
 */
final class PemFiles {

    /** rsaEncryption, 1.2.840.113549.1.1.1 */
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
            0x01, 0x01};
    /** id-ecPublicKey, 1.2.840.10045.2.1 */
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemFiles() {}

    /** The certificates in the file, in order; an exception when there is none. */
    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        byte[] bytes = Files.readAllBytes(file);
        List<X509Certificate> certificates = new ArrayList<X509Certificate>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (Block block : blocks(new String(bytes, StandardCharsets.US_ASCII))) {
            if (block.type.equals("CERTIFICATE")) {
                for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(block.der))) {
                    certificates.add((X509Certificate) c);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no PEM CERTIFICATE block in the file");
        }
        return certificates;
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        for (Block block : blocks(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII))) {
            if (block.type.equals("PRIVATE KEY")) {
                return pkcs8(block.der);
            }
            if (block.type.equals("RSA PRIVATE KEY")) {
                return pkcs8(sequence(concat(new byte[] {0x02, 0x01, 0x00}, sequence(concat(RSA_OID,
                        new byte[] {0x05, 0x00})), tlv(0x04, block.der))));
            }
            if (block.type.equals("EC PRIVATE KEY")) {
                byte[] curve = sec1Curve(block.der);
                return pkcs8(sequence(concat(new byte[] {0x02, 0x01, 0x00}, sequence(concat(EC_OID, curve)),
                        tlv(0x04, block.der))));
            }
            if (block.type.equals("ENCRYPTED PRIVATE KEY")) {
                throw new GeneralSecurityException("the key is encrypted; Weft needs it unencrypted, as a Kubernetes"
                        + " TLS secret holds it");
            }
        }
        throw new GeneralSecurityException("no PEM PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block in the file");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e; // another algorithm, or one this JDK lacks (Ed25519 before 15)
            }
        }
        throw new GeneralSecurityException("a private key of no algorithm this JDK reads (RSA, EC, Ed25519)", last);
    }

    /** The named-curve OID in SEC1's {@code [0] parameters}, which PKCS#8 carries in its algorithm instead. */
    static byte[] sec1Curve(byte[] der) throws GeneralSecurityException {
        Der outer = new Der(der, 0);
        if (outer.tag != 0x30) {
            throw new GeneralSecurityException("an EC PRIVATE KEY that is not a DER sequence");
        }
        for (int at = outer.contentStart; at < outer.end; ) {
            Der field = new Der(der, at);
            if (field.tag == 0xa0) {
                Der oid = new Der(der, field.contentStart);
                if (oid.tag == 0x06) {
                    byte[] out = new byte[oid.end - field.contentStart];
                    System.arraycopy(der, field.contentStart, out, 0, out.length);
                    return out;
                }
            }
            at = field.end;
        }
        throw new GeneralSecurityException("an EC PRIVATE KEY without its named curve");
    }

    /** One DER tag-length-value at an offset. */
    static final class Der {
        final int tag;
        final int contentStart;
        final int end;

        Der(byte[] der, int at) throws GeneralSecurityException {
            if (at + 2 > der.length) {
                throw new GeneralSecurityException("truncated DER");
            }
            tag = der[at] & 0xff;
            int length = der[at + 1] & 0xff;
            int start = at + 2;
            if (length > 0x80) {
                int bytes = length - 0x80;
                if (bytes > 3 || start + bytes > der.length) {
                    throw new GeneralSecurityException("bad DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[start + i] & 0xff);
                }
                start += bytes;
            } else if (length == 0x80) {
                throw new GeneralSecurityException("indefinite DER length");
            }
            if (start + length > der.length) {
                throw new GeneralSecurityException("truncated DER");
            }
            contentStart = start;
            end = start + length;
        }
    }

    static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.write(content, 0, n);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    private static final class Block {
        final String type;
        final byte[] der;

        Block(String type, byte[] der) {
            this.type = type;
            this.der = der;
        }
    }

    /** The BEGIN/END blocks of a PEM text; headers such as {@code Proc-Type} mark an encrypted legacy key. */
    private static List<Block> blocks(String text) throws GeneralSecurityException {
        List<Block> blocks = new ArrayList<Block>();
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", at);
            if (begin < 0) {
                return blocks;
            }
            int typeEnd = text.indexOf("-----", begin + 11);
            if (typeEnd < 0) {
                throw new GeneralSecurityException("a PEM BEGIN line without its end");
            }
            String type = text.substring(begin + 11, typeEnd);
            String endLine = "-----END " + type + "-----";
            int end = text.indexOf(endLine, typeEnd);
            if (end < 0) {
                throw new GeneralSecurityException("a PEM " + type + " block without its END line");
            }
            String body = text.substring(typeEnd + 5, end);
            if (body.contains("Proc-Type:") || body.contains("DEK-Info:")) {
                throw new GeneralSecurityException("the " + type + " is encrypted; Weft needs it unencrypted");
            }
            try {
                blocks.add(new Block(type, Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException("a PEM " + type + " block that is not Base64");
            }
            at = end + endLine.length();
        }
    }
}
