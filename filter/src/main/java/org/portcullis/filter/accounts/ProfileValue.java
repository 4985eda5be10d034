package org.portcullis.filter.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.portcullis.filter.config.ProfileSettings;
import org.portcullis.filter.web.Json;

/**
 * One profile value checked against its field's declaration and brought to the form that is stored:
 * an e-mail in lower case, a phone number as {@code +} and its digits. Every other value is stored as given.
 *
 * <pre>{@code
 * ProfileValue.normalized(phoneField, TextNode.valueOf("+41 44-668 18 00"));   // "+41446681800"
 * ProfileValue.normalized(teamField, IntNode.valueOf(7));                      // Invalid: "must be text"
 * }</pre>
 */
final class ProfileValue {

    /**
     * Most characters a regular expression may read while matching one value: a pattern that would
     * backtrack for ever ({@code (a+)+$}) gives up here, and the value is refused as not matching.
     */
    static final int MATCH_STEPS = 1_000_000;
    /** Longest phone number as typed, spaces and dashes included. */
    private static final int MAX_PHONE_INPUT = 40;
    private static final Pattern PHONE = Pattern.compile("\\+[0-9][0-9 \\-]*");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** Why a value does not fit its field; the message completes "'profile.NAME' …". */
    static final class Invalid extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    private ProfileValue() {
    }

    /**
     * The value to store for {@code field}.
     *
     * @param value not {@code null} and not a JSON null
     * @throws Invalid saying what the field takes
     */
    static JsonNode normalized(ProfileSettings.Field field, JsonNode value) {
        return switch (field.type()) {
            case STRING -> string(field, value);
            case INTEGER -> integer(field, value);
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new Invalid("must be true or false");
                }
                yield value;
            }
            case DATE -> date(value);
            case EMAIL -> email(field, value);
            case URL -> url(field, value);
            case PHONE -> phone(field, value);
            case JSON -> json(field, value);
        };
    }

    private static String text(JsonNode value, String what) {
        if (!value.isTextual()) {
            throw new Invalid("must be " + what + " given as a JSON string");
        }
        return value.textValue();
    }

    private static JsonNode string(ProfileSettings.Field field, JsonNode value) {
        String text = text(value, "text");
        requireLength(text, field.max());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new Invalid("must not contain control characters");
            }
        }
        requireMatch(field, text);
        return value;
    }

    private static JsonNode integer(ProfileSettings.Field field, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Invalid("must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
        if (value.longValue() > field.max()) {
            throw new Invalid("must be at most " + field.max());
        }
        return value;
    }

    private static JsonNode date(JsonNode value) {
        String text = text(value, "a date (yyyy-MM-dd)");
        if (!DATE.matcher(text).matches()) {
            throw new Invalid("must be a date written yyyy-MM-dd");
        }
        try {
            LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new Invalid("must be a date that exists, written yyyy-MM-dd");
        }
        return value;
    }

    private static JsonNode email(ProfileSettings.Field field, JsonNode value) {
        String text = text(value, "an e-mail address").strip().toLowerCase(Locale.ROOT);
        requireLength(text, field.max());
        if (!EmailAddress.plausible(text)) {
            throw new Invalid("must be an e-mail address");
        }
        requireMatch(field, text);
        return TextNode.valueOf(text);
    }

    private static JsonNode url(ProfileSettings.Field field, JsonNode value) {
        String text = text(value, "an http or https URL");
        requireLength(text, field.max());
        if (text.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new Invalid("must be an http or https URL without spaces (percent-encode other characters)");
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.isOpaque()) {
                throw new Invalid("must be an absolute http or https URL, e.g. https://example.org/page");
            }
            if (uri.getRawUserInfo() != null) {
                throw new Invalid("must not carry a user name or password");
            }
        } catch (URISyntaxException e) {
            throw new Invalid("must be an absolute http or https URL, e.g. https://example.org/page");
        }
        requireMatch(field, text);
        return value;
    }

    private static JsonNode phone(ProfileSettings.Field field, JsonNode value) {
        String text = text(value, "a phone number").strip();
        if (text.length() > MAX_PHONE_INPUT || !PHONE.matcher(text).matches()) {
            throw new Invalid("must be '+' and 7 to 15 digits (spaces and dashes allowed), e.g. +41 44 668 18 00");
        }
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.length() < 7 || digits.length() > 15) {
            throw new Invalid("must be '+' and 7 to 15 digits (spaces and dashes allowed), e.g. +41 44 668 18 00");
        }
        String stored = "+" + digits;
        requireMatch(field, stored);
        return TextNode.valueOf(stored);
    }

    private static JsonNode json(ProfileSettings.Field field, JsonNode value) {
        try {
            if (Json.MAPPER.writeValueAsBytes(value).length > field.max()) {
                throw new Invalid("must be at most " + field.max() + " bytes of JSON");
            }
        } catch (JsonProcessingException e) {
            throw new Invalid("must be a JSON value");
        }
        return value;
    }

    private static void requireLength(String text, long max) {
        // The cheap bound first: a string of ten megabytes is refused without counting its code points.
        if (text.length() > 2 * max || text.codePointCount(0, text.length()) > max) {
            throw new Invalid("must be at most " + max + " characters");
        }
    }

    private static void requireMatch(ProfileSettings.Field field, String text) {
        if (field.pattern().isEmpty()) {
            return;
        }
        boolean matches;
        try {
            matches = field.pattern().get().matcher(new CountedText(text, MATCH_STEPS)).matches();
        } catch (CountedText.Exhausted | StackOverflowError e) {
            matches = false; // a pattern that backtracks without end matches nothing
        }
        if (!matches) {
            throw new Invalid("does not have the form this site asks for");
        }
    }

    /** The text a regular expression reads, that stops it after a number of characters read. */
    private static final class CountedText implements CharSequence {

        /** The budget is spent: the match is abandoned. */
        static final class Exhausted extends RuntimeException {

            private static final long serialVersionUID = 1L;

            Exhausted() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final int[] left;

        CountedText(String text, int budget) {
            this(text, new int[] {budget});
        }

        private CountedText(String text, int[] left) {
            this.text = text;
            this.left = left;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountedText(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
