package org.portcullis.filter.accounts;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.portcullis.filter.web.ApiError;

/**
 * A username as stored (CONTRACT §7, Cosync's user-name login, SOAJS' {@code username}): 3 to 32
 * characters of {@code [a-z0-9._-]}, beginning with a letter or digit, in lower case. It never holds an
 * {@code @}, so no username is ever taken for an e-mail address, nor an e-mail for a username (sign-in
 * reads a login without {@code @} as a username: {@code authentication.Claim.Login.typed}).
 *
 * <pre>{@code
 * Username name = Username.parse(" Ada.L ");   // "ada.l"
 * Username.parse("ada@example.com");          // ApiError 400 invalid_username
 * }</pre>
 *
 * @param value the lower-case username
 */
public record Username(String value) {

    /** Shortest and longest username. */
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 32;

    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9][a-z0-9._-]{" + (MIN_LENGTH - 1) + ","
            + (MAX_LENGTH - 1) + "}");

    public Username {
        Objects.requireNonNull(value, "value");
        if (!GRAMMAR.matcher(value).matches()) {
            throw new IllegalArgumentException("not a username in its stored form");
        }
    }

    /**
     * The username a client typed: stripped and lower-cased (in the root locale, so that no Turkish
     * dotless i sneaks in), then checked against the grammar.
     *
     * @throws ApiError 400 {@code invalid_username} naming the rule
     */
    public static Username parse(String typed) {
        String value = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (!GRAMMAR.matcher(value).matches()) {
            throw ApiError.badRequest("invalid_username", "A username is " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters of a-z, 0-9, '.', '_' and '-', beginning with a letter or digit.");
        }
        return new Username(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
