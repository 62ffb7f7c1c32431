package io.trailsift.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CloudTrail's public keys, as saved from {@code aws cloudtrail list-public-keys} while the
 * account was trusted: {@code {"PublicKeyList":[{"Value":"<base64>","Fingerprint":"<hex>",...}]}}
 * (the user guide's sample spells it {@code publicKeyList}; both are accepted). Per the
 * custom-validation page, {@code Value} is "the DER encoded public key value in PKCS #1 format",
 * but its own sample list also holds an X.509 SubjectPublicKeyInfo key, so both are read. A digest
 * names its key by {@code digestPublicKeyFingerprint}; we look keys up by that fingerprint.
 */
final class PublicKeys {
    /** AlgorithmIdentifier for rsaEncryption (OID 1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private final Map<String, PublicKey> byFingerprint;

    private PublicKeys(Map<String, PublicKey> byFingerprint) {
        this.byFingerprint = byFingerprint;
    }

    /** Reads the file; a failure names the file and says why, in words (no such file, not JSON...). */
    public static PublicKeys load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read public keys file " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read public keys file " + file + ": permission denied", e);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot read public keys file " + file + ": not the JSON that "
                    + "`aws cloudtrail list-public-keys` prints (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + ", line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        } catch (IOException e) {
            throw new IOException("cannot read public keys file " + file + ": " + e.getMessage(), e);
        }
    }

    public static PublicKeys read(InputStream in) throws IOException {
        Map<String, PublicKey> keys = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("public keys: expected the JSON object list-public-keys prints");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equalsIgnoreCase("PublicKeyList") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        readKey(p, keys);
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IOException("public keys: no PublicKeyList entries with Value and Fingerprint");
        }
        return new PublicKeys(keys);
    }

    private static void readKey(JsonParser p, Map<String, PublicKey> keys) throws IOException {
        String value = null;
        String fingerprint = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("Value")) {
                value = p.getText();
            } else if (name.equals("Fingerprint")) {
                fingerprint = p.getText();
            } else {
                p.skipChildren();
            }
        }
        if (value != null && fingerprint != null) {
            keys.put(fingerprint.toLowerCase(Locale.ROOT), decode(value, fingerprint));
        }
    }

    public Optional<PublicKey> forFingerprint(String fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint.toLowerCase(Locale.ROOT)));
    }

    public int size() {
        return byFingerprint.size();
    }

    private static PublicKey decode(String base64, String fingerprint) throws IOException {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IOException("public key " + fingerprint + " is not base64", e);
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            try {
                return rsa.generatePublic(new X509EncodedKeySpec(der));
            } catch (InvalidKeySpecException notSubjectPublicKeyInfo) {
                return rsa.generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("public key " + fingerprint + " is neither PKCS#1 nor X.509 RSA", e);
        }
    }

    /** Wraps a PKCS#1 RSAPublicKey in the X.509 envelope the JDK reads. */
    static byte[] subjectPublicKeyInfo(byte[] pkcs1) {
        ByteArrayOutputStream bitString = new ByteArrayOutputStream();
        bitString.write(0); // no unused bits
        bitString.writeBytes(pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(der(0x03, bitString.toByteArray()));
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
