package org.portcullis.filter.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.portcullis.filter.accounts.EmailAddress;
import org.portcullis.filter.accounts.Username;
import org.portcullis.filter.web.ApiError;

/** Typed, validated access to an action's {@code attributes} object. */
public final class Attributes {

    /** Longest e-mail address (RFC 5321 path limit). */
    public static final int MAX_EMAIL_LENGTH = EmailAddress.MAX_LENGTH;
    /** Longest display name. */
    public static final int MAX_NAME_LENGTH = 200;
    /** Longest first or last name: the columns hold 100 characters. */
    public static final int MAX_PERSON_NAME_LENGTH = 100;

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
        if (!EmailAddress.plausible(value)) {
            throw ApiError.badRequest("invalid_email", "'" + name + "' is not an e-mail address.");
        }
        return value;
    }

    /**
     * An optional string, as {@link #text} when given: empty when absent, {@code null} or blank, e.g.
     * {@code in.optionalText("first_name", Attributes.MAX_PERSON_NAME_LENGTH)}.
     */
    public Optional<String> optionalText(String name, int maxLength) {
        if (!has(name) || (node.get(name).isTextual() && node.get(name).textValue().isBlank())) {
            return Optional.empty();
        }
        return Optional.of(text(name, maxLength));
    }

    /** The attribute as sent, for a value another rule checks (a profile); empty when absent or {@code null}. */
    public Optional<JsonNode> optional(String name) {
        return has(name) ? Optional.of(node.get(name)) : Optional.empty();
    }

    /**
     * The optional {@code username}, by {@link Username}'s grammar; empty when not given.
     *
     * @param enabled {@code usernames.enabled}; when off, a username given is 400 {@code usernames_disabled}
     */
    public Optional<Username> username(boolean enabled) {
        if (!has("username")) {
            return Optional.empty();
        }
        if (!enabled) {
            throw ApiError.badRequest("usernames_disabled", "Usernames are switched off on this site.");
        }
        return Optional.of(Username.parse(text("username", MAX_NAME_LENGTH)));
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }
}
