package org.portcullis.filter.accounts;

import java.util.regex.Pattern;

/**
 * The one test of what an e-mail address looks like, wherever one is given: sign-up, an account made by an
 * administrator, a profile field of type {@code email}. Deliberately plain: one {@code @}, no spaces or
 * control characters, a dot in the domain, at most {@value #MAX_LENGTH} characters.
 *
 * <pre>{@code
 * EmailAddress.plausible("ada@example.org");   // true
 * EmailAddress.plausible("ada@localhost");     // false: no dot in the domain
 * }</pre>
 */
public final class EmailAddress {

    /** Longest e-mail address (RFC 5321 path limit). */
    public static final int MAX_LENGTH = 254;

    private static final Pattern SHAPE = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]+");

    private EmailAddress() {
    }

    /** Whether {@code value} (already trimmed) has the shape of an e-mail address. */
    public static boolean plausible(String value) {
        return value.length() <= MAX_LENGTH && SHAPE.matcher(value).matches();
    }
}
