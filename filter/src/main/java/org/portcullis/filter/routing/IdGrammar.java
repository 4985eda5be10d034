package org.portcullis.filter.routing;

import java.util.Optional;

/**
 * The spelling an instance id must have in a route's {@code {id}} segment. Each grammar gives every
 * instance exactly one spelling, so a lenient host router cannot read {@code 01}, {@code 1.json},
 * {@code 1 } or {@code +1} as note 1 while Portcullis checks the permission of some other instance
 * (java-anchors §0.4). Only ASCII counts: {@link Character#isDigit} would let a fullwidth {@code １} in.
 *
 * <pre>{@code
 * IdGrammar.DIGITS.accepts("42");  // true
 * IdGrammar.DIGITS.accepts("042"); // false: a second spelling of 42
 * IdGrammar.UUID.accepts("123e4567-e89b-12d3-a456-426614174000"); // true; upper case is refused
 * }</pre>
 */
public enum IdGrammar {

    /** {@code {id}}: 1 to 18 ASCII digits (always fits a {@code long}), no leading zero unless exactly "0". */
    DIGITS("{id}", "digits without a leading zero"),

    /** {@code {id:uuid}}: a canonical UUID in lower case, 8-4-4-4-12 hex digits. */
    UUID("{id:uuid}", "a UUID in lower case"),

    /** {@code {id:slug}}: 1 to 64 ASCII letters, digits, {@code _} or {@code -}; case is kept. */
    SLUG("{id:slug}", "1 to 64 letters, digits, '_' or '-'");

    private final String placeholder;
    private final String description;

    IdGrammar(String placeholder, String description) {
        this.placeholder = placeholder;
        this.description = description;
    }

    /** The placeholder that selects this grammar in a route pattern, e.g. {@code {id:uuid}}. */
    public String placeholder() {
        return placeholder;
    }

    /** What an id must look like, in words, for an error reply. */
    public String description() {
        return description;
    }

    /** Whether {@code id}, exactly as it stands in the path, is a valid id. */
    public boolean accepts(String id) {
        return switch (this) {
            case DIGITS -> id.length() <= 18 && allOf(id, 0, id.length(), "0123456789")
                    && (id.charAt(0) != '0' || id.length() == 1);
            case UUID -> id.length() == 36 && isLowerHexUuid(id);
            case SLUG -> id.length() <= 64
                    && allOf(id, 0, id.length(), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
        };
    }

    /** The grammar a placeholder segment selects, or empty when the segment is no known placeholder. */
    static Optional<IdGrammar> ofPlaceholder(String segment) {
        for (IdGrammar grammar : values()) {
            if (grammar.placeholder.equals(segment)) {
                return Optional.of(grammar);
            }
        }
        return Optional.empty();
    }

    private static boolean isLowerHexUuid(String id) {
        int start = 0;
        for (int end : new int[] {8, 13, 18, 23, 36}) {
            if (!allOf(id, start, end, "0123456789abcdef") || (end < 36 && id.charAt(end) != '-')) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    /** Whether {@code text[from, to)} is non-empty and made only of {@code allowed} characters. */
    private static boolean allOf(String text, int from, int to, String allowed) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (allowed.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
