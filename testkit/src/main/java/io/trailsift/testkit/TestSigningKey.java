package io.trailsift.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The committed TEST RSA key that signs the sample's digest files (a key derived from a seeded
 * SecureRandom would not be the same on every JDK). RSA PKCS#1 v1.5 signatures are deterministic,
 * so the digests are reproducible byte for byte.
 */
public final class TestSigningKey {
    private static final String RESOURCE = "test-digest-signing-key.pem";

    private final RSAPrivateCrtKey key;

    private TestSigningKey(RSAPrivateCrtKey key) {
        this.key = key;
    }

    public static TestSigningKey load() {
        try (InputStream in = TestSigningKey.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            StringBuilder b64 = new StringBuilder();
            boolean inside = false;
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("-----BEGIN")) {
                    inside = true;
                } else if (line.startsWith("-----END")) {
                    inside = false;
                } else if (inside) {
                    b64.append(line.trim());
                }
            }
            PrivateKey k = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64.toString())));
            return new TestSigningKey((RSAPrivateCrtKey) k);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new key, for a test that needs a second one (an impostor's); RSA generation takes a moment. */
    public static TestSigningKey generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return new TestSigningKey((RSAPrivateCrtKey) g.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JRE", e);
        }
    }

    /** The public half, as the JDK holds it. */
    public PublicKey publicKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JRE", e);
        }
    }

    /** SHA256withRSA over the UTF-8 bytes of {@code text}, hex-encoded as CloudTrail stores signatures. */
    public String signHex(String text) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The public key as {@code list-public-keys} returns it: the DER encoding of a PKCS#1
     * RSAPublicKey (SEQUENCE of modulus and exponent), base64 in the CLI's JSON.
     */
    public byte[] publicKeyPkcs1() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        derInteger(body, key.getModulus());
        derInteger(body, key.getPublicExponent());
        ByteArrayOutputStream seq = new ByteArrayOutputStream();
        seq.write(0x30);
        derLength(seq, body.size());
        seq.writeBytes(body.toByteArray());
        return seq.toByteArray();
    }

    /** This sample's fingerprint convention: hex MD5 of the PKCS#1 DER bytes (32 hex digits, like AWS's). */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(publicKeyPkcs1()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void derInteger(ByteArrayOutputStream out, BigInteger v) {
        byte[] bytes = v.toByteArray();
        out.write(0x02);
        derLength(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void derLength(ByteArrayOutputStream out, int n) {
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
    }
}
