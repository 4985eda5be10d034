package org.portcullis.filter.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one shape of Portcullis' opaque secrets: 256 bits from {@link SecureRandom} in unpadded base64url
 * (43 characters), of which only the hex SHA-256 is ever stored. A mailed link's token, a refresh token and an
 * anonymous user's secret are all of it; 256 random bits need neither a pepper nor bcrypt's cost.
 *
 * <pre>{@code
 * String token = OpaqueToken.fresh(random);     // hand it out once
 * row.setHash(OpaqueToken.hash(token));          // keep only this
 * if (!OpaqueToken.wellFormed(presented)) ...    // refuse before any look-up
 * }</pre>
 */
public final class OpaqueToken {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private OpaqueToken() {
    }

    /** A new token: 32 bytes of {@code random}. */
    public static String fresh(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code text} has a token's shape (not null, 43 base64url characters). */
    public static boolean wellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** The stored form of {@code text}: hex SHA-256 of its UTF-8 bytes. */
    public static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
