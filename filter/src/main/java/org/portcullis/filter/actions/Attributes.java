package org.portcullis.filter.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.portcullis.filter.web.ApiError;

/** Typed, validated access to an action's {@code attributes} object. */
public final class Attributes {

    /** Longest e-mail address (RFC 5321 path limit). */
    public static final int MAX_EMAIL_LENGTH = 254;
    /** Longest display name. */
    public static final int MAX_NAME_LENGTH = 200;

    // Deliberately plain: one @, no spaces or control characters, a dot in the domain.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]+");

    private final ObjectNode node;

    public Attributes(ObjectNode node) {
        this.node = node;
    }

    /** A required string, as sent (not trimmed): for passwords. */
    public String raw(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw ApiError.badRequest("bad_request", "'" + name + "' is required.");
        }
        if (!value.isTextual()) {
            throw ApiError.badRequest("bad_request", "'" + name + "' must be a string.");
        }
        return value.textValue();
    }

    /** A required string, trimmed, not empty, at most {@code maxLength} characters, no control characters. */
    public String text(String name, int maxLength) {
        String value = raw(name).strip();
        if (value.isEmpty()) {
            throw ApiError.badRequest("bad_request", "'" + name + "' must not be empty.");
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw ApiError.badRequest("too_long", "'" + name + "' must be at most " + maxLength + " characters.");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest("bad_request", "'" + name + "' must not contain control characters.");
        }
        return value;
    }

    /** A required e-mail address of a plausible shape. */
    public String email(String name) {
        String value = text(name, MAX_EMAIL_LENGTH);
        if (!EMAIL.matcher(value).matches()) {
            throw ApiError.badRequest("invalid_email", "'" + name + "' is not an e-mail address.");
        }
        return value;
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }
}
