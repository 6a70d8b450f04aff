package org.lazuli.graph;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Deterministic tokens for task keys (dask's {@code tokenize}): equal values give equal tokens. A
 * function is identified by its serialized form, which includes what a lambda captured; a value that
 * cannot be serialized gets a fresh random token, so it is never mistaken for another.
 */
public final class Tokenize {
    private Tokenize() {
    }

    /** 16 hex digits naming the serialized forms of the parts. */
    public static String of(Object... parts) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            for (Object part : parts) {
                out.writeObject(part);
            }
            out.flush();
            byte[] digest = MessageDigest.getInstance("MD5").digest(bytes.toByteArray());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException | NoSuchAlgorithmException e) {
            return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        }
    }
}
