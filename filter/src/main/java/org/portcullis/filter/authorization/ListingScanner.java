package org.portcullis.filter.authorization;

import java.nio.charset.StandardCharsets;

/**
 * The fast path of {@link CollectionFilter}'s reading of a listing: one pass over the bytes of a
 * plain JSON list (or JSON:API document with a {@code data} array) that finds the same items, ids
 * and positions that the Jackson reading finds, several times faster, because it does nothing else.
 *
 * <p>It is a strict validator of a subset of RFC 8259 and answers only for bodies wholly inside that
 * subset: ASCII only, whitespace only where JSON allows it, numbers and literals exactly as the
 * grammar writes them, no escape in a member name or in an {@code id}, no nesting deeper than
 * {@value #MAX_DEPTH}, nothing near Jackson's own limits. For anything else, invalid JSON included,
 * it answers {@code null} and Jackson reads the body, so that every decision about a malformed or
 * unusual reply is still Jackson's. Where it answers, its answer equals Jackson's; tests compare the
 * two on generated and mutated bodies.
 */
final class ListingScanner {

    /** Deeper nesting is left to Jackson (whose own limit is 1000). */
    static final int MAX_DEPTH = 200;
    /** Longer bodies are left to Jackson: no string in them can reach its 20,000,000-character limit. */
    static final int MAX_BODY = 16 * 1024 * 1024;
    /** Longer numbers and names are left to Jackson (its limits are 1,000 and 50,000). */
    private static final int MAX_NUMBER = 100;
    private static final int MAX_NAME = 1000;

    /** Thrown, without a stack, wherever the body leaves the subset: Jackson decides. */
    private static final class Unsure extends Exception {
        private static final long serialVersionUID = 1L;
        static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super(null, null, false, false);
        }
    }

    private final byte[] b;
    private final CollectionFilter.Reading reading;

    private ListingScanner(byte[] body, boolean withRanges) {
        this.b = body;
        this.reading = new CollectionFilter.Reading(withRanges);
    }

    /** What Jackson's reading would find in {@code body}, or {@code null} when Jackson must read it. */
    static CollectionFilter.Reading scan(byte[] body, boolean withRanges) {
        if (body.length > MAX_BODY) {
            return null;
        }
        try {
            return new ListingScanner(body, withRanges).document();
        } catch (Unsure unsure) {
            return null;
        }
    }

    private CollectionFilter.Reading document() throws Unsure {
        int i = ws(0);
        int end;
        byte first = at(i);
        if (first == '[') {
            end = items(i);
        } else if (first == '{') {
            end = jsonApi(i);
        } else {
            throw Unsure.INSTANCE; // not a list, or not plainly one: Jackson says which
        }
        reading.valueEnd = end + 1;
        reading.trailing = ws(end + 1) < b.length; // Jackson: another token, or an error; either drops it
        return reading;
    }

    /** A top-level object: its {@code data} arrays are read, every other member skipped. */
    private int jsonApi(int open) throws Unsure {
        boolean inData = false;
        int i = ws(open + 1);
        if (at(i) == '}') {
            throw Unsure.INSTANCE;
        }
        while (true) {
            int nameEnd = name(i);
            boolean data = nameEnd - i == 5 && b[i + 1] == 'd' && b[i + 2] == 'a' && b[i + 3] == 't' && b[i + 4] == 'a';
            i = colon(nameEnd + 1);
            if (data && at(i) == '[') {
                inData = true;
                i = items(i) + 1;
            } else {
                i = value(i, 1);
            }
            i = ws(i);
            int following = next(i, '}');
            if (following < 0) {
                break;
            }
            i = following;
        }
        if (!inData) {
            throw Unsure.INSTANCE;
        }
        return i;
    }

    /** The items of the array opened at {@code open}; returns the index of its closing bracket. */
    private int items(int open) throws Unsure {
        boolean ranges = reading.ranges != null;
        int firstItem = reading.ids.size();
        int i = ws(open + 1);
        if (at(i) != ']') {
            while (true) {
                int start = i;
                int end;
                byte c = at(i);
                if (c == '{') {
                    end = object(i); // adds the item's id
                    i = end + 1;
                } else if (c == '[') {
                    reading.ids.add(null);
                    end = array(i, 2);
                    i = end + 1;
                } else {
                    reading.ids.add(null);
                    i = value(i, 2);
                    end = start; // Jackson's reading ends a scalar item one byte after its start
                }
                if (ranges) {
                    reading.ranges.add(new long[] {start, end + 1});
                }
                i = ws(i);
                int following = next(i, ']');
                if (following < 0) {
                    break;
                }
                i = following;
            }
        }
        reading.lists.add(new long[] {ranges ? open : -1, ranges ? i : -1, firstItem});
        return i;
    }

    /**
     * An item object opened at {@code open}: adds its id to the reading (null unless given once, as a
     * string or an integer); returns the index of its closing brace.
     */
    private int object(int open) throws Unsure {
        String id = null;
        boolean seen = false;
        int i = ws(open + 1);
        if (at(i) != '}') {
            while (true) {
                int nameEnd = name(i);
                boolean isId = nameEnd - i == 3 && b[i + 1] == 'i' && b[i + 2] == 'd';
                i = colon(nameEnd + 1);
                if (isId) {
                    int valueEnd = value(i, 3);
                    byte c = b[i];
                    String text = null;
                    if (c == '"') {
                        text = plainString(i, valueEnd);
                    } else if ((c == '-' || (c >= '0' && c <= '9')) && integral(i, valueEnd)) {
                        text = new String(b, i, valueEnd - i, StandardCharsets.ISO_8859_1);
                    }
                    id = seen ? null : text;
                    seen = true;
                    i = valueEnd;
                } else {
                    i = value(i, 3);
                }
                i = ws(i);
                int following = next(i, '}');
                if (following < 0) {
                    break;
                }
                i = following;
            }
        }
        reading.ids.add(id);
        return i;
    }

    /** Skips the value that starts at {@code i}, at nesting {@code depth}; returns the index after it. */
    private int value(int i, int depth) throws Unsure {
        byte c = at(i);
        switch (c) {
            case '"':
                return string(i);
            case '{':
                return skipObject(i, depth + 1) + 1;
            case '[':
                return array(i, depth + 1) + 1;
            case 't':
                return literal(i, "true");
            case 'f':
                return literal(i, "false");
            case 'n':
                return literal(i, "null");
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number(i);
                }
                throw Unsure.INSTANCE;
        }
    }

    private int skipObject(int open, int depth) throws Unsure {
        if (depth > MAX_DEPTH) {
            throw Unsure.INSTANCE;
        }
        int i = ws(open + 1);
        if (at(i) == '}') {
            return i;
        }
        while (true) {
            i = ws(value(colon(name(i) + 1), depth));
            int following = next(i, '}');
            if (following < 0) {
                return i;
            }
            i = following;
        }
    }

    /** Skips an array opened at {@code open}; returns the index of its closing bracket. */
    private int array(int open, int depth) throws Unsure {
        if (depth > MAX_DEPTH) {
            throw Unsure.INSTANCE;
        }
        int i = ws(open + 1);
        if (at(i) == ']') {
            return i;
        }
        while (true) {
            i = ws(value(i, depth));
            int following = next(i, ']');
            if (following < 0) {
                return i;
            }
            i = following;
        }
    }

    /**
     * After a member or element, at {@code i}: the index of the next one when a comma follows, -1 when
     * {@code close} ends the object or array there.
     */
    private int next(int i, char close) throws Unsure {
        byte c = at(i);
        if (c == ',') {
            return ws(i + 1);
        }
        if (c == close) {
            return -1;
        }
        throw Unsure.INSTANCE;
    }

    /** A member name at {@code i} without any escape; returns the index of its closing quote. */
    private int name(int i) throws Unsure {
        if (at(i) != '"') {
            throw Unsure.INSTANCE;
        }
        byte[] bytes = b;
        int limit = Math.min(bytes.length, i + 1 + MAX_NAME + 1);
        for (int j = i + 1; j < limit; j++) {
            int c = bytes[j];
            if (c == '"') {
                return j;
            }
            if (c < 0x20 || c == '\\') { // bytes from 0x80 are negative
                throw Unsure.INSTANCE;
            }
        }
        throw Unsure.INSTANCE;
    }

    /** Whitespace, a colon, whitespace: returns the index of the value that follows. */
    private int colon(int i) throws Unsure {
        i = ws(i);
        if (at(i) != ':') {
            throw Unsure.INSTANCE;
        }
        return ws(i + 1);
    }

    /** A string at {@code i}; returns the index after its closing quote. */
    private int string(int i) throws Unsure {
        byte[] bytes = b;
        int j = i + 1;
        while (j < bytes.length) {
            int c = bytes[j];
            if (c == '"') {
                return j + 1;
            }
            if (c < 0x20) { // a control character, or any byte from 0x80
                throw Unsure.INSTANCE;
            }
            if (c == '\\') {
                j = escape(j + 1);
            } else {
                j++;
            }
        }
        throw Unsure.INSTANCE;
    }

    private int escape(int j) throws Unsure {
        switch (at(j)) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return j + 1;
            case 'u':
                for (int k = j + 1; k <= j + 4; k++) {
                    int h = at(k);
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                        throw Unsure.INSTANCE;
                    }
                }
                return j + 5;
            default:
                throw Unsure.INSTANCE;
        }
    }

    /** The text of the string in {@code [start, end)}, when it has no escape; otherwise Jackson decodes it. */
    private String plainString(int start, int end) throws Unsure {
        for (int j = start + 1; j < end - 1; j++) {
            if (b[j] == '\\') {
                throw Unsure.INSTANCE;
            }
        }
        return new String(b, start + 1, end - start - 2, StandardCharsets.ISO_8859_1);
    }

    /** A number as RFC 8259 writes it; returns the index after it, which must end a value. */
    private int number(int i) throws Unsure {
        int j = i;
        if (b[j] == '-') {
            j++;
        }
        byte c = at(j);
        if (c == '0') {
            j++;
        } else if (c >= '1' && c <= '9') {
            j = digits(j);
        } else {
            throw Unsure.INSTANCE;
        }
        if (j < b.length && b[j] == '.') {
            j = requiredDigits(j + 1);
        }
        if (j < b.length && (b[j] == 'e' || b[j] == 'E')) {
            j++;
            if (j < b.length && (b[j] == '+' || b[j] == '-')) {
                j++;
            }
            j = requiredDigits(j);
        }
        if (j - i > MAX_NUMBER) {
            throw Unsure.INSTANCE;
        }
        return delimited(j);
    }

    /** Whether the number in {@code [start, end)} has neither fraction nor exponent (Jackson's integer). */
    private boolean integral(int start, int end) {
        for (int j = start; j < end; j++) {
            byte c = b[j];
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    private int digits(int j) {
        while (j < b.length && b[j] >= '0' && b[j] <= '9') {
            j++;
        }
        return j;
    }

    private int requiredDigits(int j) throws Unsure {
        int after = digits(j);
        if (after == j) {
            throw Unsure.INSTANCE;
        }
        return after;
    }

    private int literal(int i, String word) throws Unsure {
        int end = i + word.length();
        if (end > b.length) {
            throw Unsure.INSTANCE;
        }
        for (int k = 1; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                throw Unsure.INSTANCE;
            }
        }
        return delimited(end);
    }

    /** A number or literal must be followed by whitespace, a separator or a closing bracket: "01", "truex" are not JSON. */
    private int delimited(int j) throws Unsure {
        if (j < b.length) {
            byte c = b[j];
            if (!(c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
                throw Unsure.INSTANCE;
            }
        }
        return j;
    }

    /** The index of the first byte at or after {@code i} that is not JSON whitespace. */
    private int ws(int i) {
        byte[] bytes = b;
        while (i < bytes.length) {
            byte c = bytes[i];
            if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
                break;
            }
            i++;
        }
        return i;
    }

    private byte at(int i) throws Unsure {
        if (i >= b.length) {
            throw Unsure.INSTANCE;
        }
        return b[i];
    }
}
