package org.portcullis.filter.authorization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The fast reading of a listing against Jackson's: wherever {@link ListingScanner} answers, Jackson
 * reads the same items, ids, positions and end; wherever the body leaves the plain subset, the scanner
 * leaves it to Jackson. A scanner that read a body differently from Jackson would be a parser
 * differential inside the check, so every disagreement here is a failure.
 */
class ListingScannerTest {

    /** Bodies the scanner must answer for, exactly as Jackson reads them. */
    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        " \t\r\n[ ] \n",
        "[{\"id\":1,\"text\":\"\"},{\"id\":2,\"text\":\"b\"}]",
        "[{\"id\":\"a-1\"},{\"id\":-0},{\"id\":12345678901234567890123},{\"id\":1.5},{\"id\":1e3},{\"id\":2E-1}]",
        "[{\"id\":1,\"id\":1},{\"x\":{\"id\":2}},{},{\"id\":null},{\"id\":true},{\"id\":[1]},{\"id\":{\"a\":1}}]",
        "[1,\"two\",true,false,null,[],[[1,[2]]],{\"a\":[{}]},-1.25e+10]",
        "[{\"id\":3,\"t\":\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uABCD\"}]",
        "{\"data\":[{\"id\":\"1\",\"type\":\"note\"}],\"meta\":{\"total\":1}}",
        "{\"links\":{},\"data\":[{\"id\":1}],\"data\":[{\"id\":2},{\"id\":3}]}",
        "{\"data\":{\"id\":1},\"data\":[]}",
        "[{\"id\":1}] trailing",
        "[{\"id\":1}]]",
        "[{\"id\":1}]  \u0001",
        "[ { \"id\" : 7 , \"t\" : [ 1 , { } ] } , { \"id\" : \"8\" } ]",
    })
    void answersPlainListingsAsJacksonDoes(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (boolean withRanges : new boolean[] {false, true}) {
            CollectionFilter.Reading scanned = ListingScanner.scan(bytes, withRanges);
            assertNotNull(scanned, "the scanner should answer for " + body);
            assertSameReading(jackson(bytes, withRanges), scanned, body);
        }
    }

    /** Bodies outside the subset (unusual or invalid): Jackson decides, as before the scanner. */
    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "\"text\"", "42", "null", "{}", "{\"meta\":1}", "{\"data\":{}}", "<html>",
        "\uFEFF[{\"id\":1}]", // a byte order mark
        "[{\"id\":\"caf\u00e9\"}]", "[{\"n\u00e4me\":1}]", "[\"\u00e9\"]", // non-ASCII
        "[{\"\\u0069d\":1}]", "[{\"id\":\"\\u0031\"}]", "{\"d\\u0061ta\":[1]}", // escapes in names and ids
        "[{\"id\":01}]", "[{\"id\":1.}]", "[{\"id\":.5}]", "[{\"id\":+1}]", "[{\"id\":1e}]", "[{\"id\":-}]",
        "[{\"id\":1x}]", "[tru]", "[truex]", "[nul]", "[NaN]", "[Infinity]", "['a']",
        "[1,]", "[,1]", "[1 2]", "[{\"id\":1,}]", "[{\"id\" 1}]", "[{id:1}]", "[{\"id\":1]", "[{\"id\":1}",
        "[\"a\u0001b\"]", "[\"\\x\"]", "[\"\\u12G4\"]", "[\"open", "[1,/*c*/2]", "[\u00a01]",
    })
    void leavesEveryOtherBodyToJackson(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertNull(ListingScanner.scan(bytes, false), "the scanner should leave " + body + " to Jackson");
        assertNull(ListingScanner.scan(bytes, true), "the scanner should leave " + body + " to Jackson");
    }

    /**
     * 540 member names that fall into one slot of Jackson's table of canonical names (it refuses them as
     * a hash-flooding attack): valid JSON, which both readers must read, and alike.
     */
    @Test
    void namesThatCollideInJacksonsNameTableAreReadAlike() throws IOException {
        byte[] body;
        try (var in = ListingScannerTest.class.getResourceAsStream("colliding-names.json")) {
            body = in.readAllBytes();
        }
        for (boolean withRanges : new boolean[] {false, true}) {
            CollectionFilter.Reading scanned = ListingScanner.scan(body, withRanges);
            assertNotNull(scanned);
            assertEquals(java.util.List.of("x"), scanned.ids);
            assertSameReading(jackson(body, withRanges), scanned, "the colliding names");
        }
    }

    @Test
    void nestingDeeperThanItsLimitIsLeftToJackson() {
        String shallow = "[{\"id\":1,\"n\":" + "[".repeat(ListingScanner.MAX_DEPTH - 10) + "]".repeat(ListingScanner.MAX_DEPTH - 10) + "}]";
        String deep = "[{\"id\":1,\"n\":" + "[".repeat(ListingScanner.MAX_DEPTH + 1) + "]".repeat(ListingScanner.MAX_DEPTH + 1) + "}]";
        assertNotNull(ListingScanner.scan(shallow.getBytes(StandardCharsets.US_ASCII), false));
        assertNull(ListingScanner.scan(deep.getBytes(StandardCharsets.US_ASCII), false));
        String abyss = "[" + "[".repeat(100_000); // neither reader may overflow its stack
        assertNull(ListingScanner.scan(abyss.getBytes(StandardCharsets.US_ASCII), false));
    }

    /**
     * Generated listings, then the same bytes cut, with a byte dropped, added or changed: wherever the
     * scanner answers, Jackson must read the same; and it must answer for every generated listing.
     */
    @Test
    void agreesWithJacksonOnGeneratedAndMutatedBodies() {
        Random random = new Random(20261126L);
        byte[] alphabet = "[]{}\",:\\ \n0123456789-+.eEtrufalsnid/u\u0001x".getBytes(StandardCharsets.ISO_8859_1);
        int answered = 0;
        int mutations = 0;
        for (int doc = 0; doc < 3_000; doc++) {
            byte[] body = listing(random).getBytes(StandardCharsets.US_ASCII);
            CollectionFilter.Reading whole = ListingScanner.scan(body, random.nextBoolean());
            assertNotNull(whole, () -> "the scanner should answer for " + new String(body, StandardCharsets.US_ASCII));
            compare(body);
            for (int m = 0; m < 12; m++) {
                byte[] mutated = mutate(body, random, alphabet);
                mutations++;
                answered += compare(mutated) ? 1 : 0;
            }
        }
        // Not a check of correctness (compare is), but that the mutations reach both outcomes.
        assertTrue(answered > mutations / 20 && answered < mutations, answered + " of " + mutations + " answered");
    }

    /** Compares on both kinds of reading; true when the scanner answered. */
    private static boolean compare(byte[] body) {
        boolean answered = false;
        for (boolean withRanges : new boolean[] {false, true}) {
            CollectionFilter.Reading scanned = ListingScanner.scan(body, withRanges);
            if (scanned != null) {
                answered = true;
                assertSameReading(jackson(body, withRanges), scanned, new String(body, StandardCharsets.ISO_8859_1));
            }
        }
        return answered;
    }

    private static CollectionFilter.Reading jackson(byte[] body, boolean withRanges) {
        try {
            return CollectionFilter.readWithJackson(body, withRanges);
        } catch (CollectionFilter.NotAList | CollectionFilter.BrokenList refused) {
            return fail("the scanner answered, Jackson refused (" + refused.getClass().getSimpleName() + "): "
                    + new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    private static void assertSameReading(CollectionFilter.Reading expected, CollectionFilter.Reading actual, String body) {
        assertEquals(expected.ids, actual.ids, () -> "ids of " + body);
        assertEquals(expected.valueEnd, actual.valueEnd, () -> "end of " + body);
        assertEquals(expected.trailing, actual.trailing, () -> "trailing of " + body);
        assertEquals(expected.lists.size(), actual.lists.size(), () -> "lists of " + body);
        for (int i = 0; i < expected.lists.size(); i++) {
            assertArrayEquals(expected.lists.get(i), actual.lists.get(i), "list " + i + " of " + body);
        }
        assertEquals(expected.ranges == null, actual.ranges == null);
        if (expected.ranges != null) {
            assertEquals(expected.ranges.size(), actual.ranges.size(), () -> "ranges of " + body);
            for (int i = 0; i < expected.ranges.size(); i++) {
                assertArrayEquals(expected.ranges.get(i), actual.ranges.get(i), "range " + i + " of " + body);
            }
        }
    }

    private static byte[] mutate(byte[] body, Random random, byte[] alphabet) {
        int at = random.nextInt(body.length);
        byte any = alphabet[random.nextInt(alphabet.length)];
        return switch (random.nextInt(4)) {
            case 0 -> java.util.Arrays.copyOf(body, at); // cut short
            case 1 -> concat(body, 0, at, new byte[0], at + 1); // a byte dropped
            case 2 -> concat(body, 0, at, new byte[] {any}, at); // a byte added
            default -> concat(body, 0, at, new byte[] {any}, at + 1); // a byte changed
        };
    }

    private static byte[] concat(byte[] body, int from, int to, byte[] middle, int resume) {
        byte[] out = new byte[(to - from) + middle.length + (body.length - resume)];
        System.arraycopy(body, from, out, 0, to - from);
        System.arraycopy(middle, 0, out, to - from, middle.length);
        System.arraycopy(body, resume, out, to - from + middle.length, body.length - resume);
        return out;
    }

    /** A random plain listing: an array, or a JSON:API document, of items with all kinds of ids and members. */
    private static String listing(Random random) {
        StringBuilder out = new StringBuilder();
        boolean jsonApi = random.nextInt(4) == 0;
        if (jsonApi) {
            out.append('{').append(ws(random));
            if (random.nextBoolean()) {
                out.append("\"meta\"").append(ws(random)).append(':').append(ws(random));
                value(out, random, 2);
                out.append(',').append(ws(random));
            }
            out.append("\"data\"").append(ws(random)).append(':').append(ws(random));
        }
        out.append('[').append(ws(random));
        int items = random.nextInt(6);
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                out.append(',').append(ws(random));
            }
            if (random.nextInt(8) == 0) {
                value(out, random, 2);
            } else {
                item(out, random);
            }
            out.append(ws(random));
        }
        out.append(']');
        if (jsonApi) {
            out.append(ws(random)).append('}');
        }
        out.append(ws(random));
        return out.toString();
    }

    private static void item(StringBuilder out, Random random) {
        out.append('{').append(ws(random));
        int members = random.nextInt(4);
        boolean idWritten = false;
        for (int m = 0; m < members || !idWritten && random.nextInt(4) != 0; m++) {
            if (m > 0) {
                out.append(',').append(ws(random));
            }
            boolean id = !idWritten || random.nextInt(6) == 0;
            idWritten |= id;
            out.append(id ? "\"id\"" : "\"" + word(random) + "\"").append(ws(random)).append(':').append(ws(random));
            if (id) {
                switch (random.nextInt(6)) {
                    case 0 -> out.append('"').append(word(random)).append('"');
                    case 1 -> out.append(random.nextInt(3) == 0 ? -random.nextInt(1000) : random.nextInt(100_000));
                    default -> value(out, random, 3, false);
                }
            } else {
                value(out, random, 3);
            }
            out.append(ws(random));
        }
        out.append('}');
    }

    private static void value(StringBuilder out, Random random, int depth) {
        value(out, random, depth, true);
    }

    /** @param escapes whether a string may have escapes (an id with one is Jackson's to read) */
    private static void value(StringBuilder out, Random random, int depth, boolean escapes) {
        switch (random.nextInt(depth > 5 ? 6 : 8)) {
            case 0 -> out.append('"').append(word(random)).append(escapes && random.nextBoolean() ? "\\n\\u00e9\\\"" : "").append('"');
            case 1 -> out.append(random.nextInt(2000) - 1000);
            case 2 -> out.append(random.nextInt(100)).append('.').append(random.nextInt(100))
                    .append(random.nextBoolean() ? "e" + (random.nextBoolean() ? "-" : "+") + random.nextInt(9) : "");
            case 3 -> out.append("true");
            case 4 -> out.append("false");
            case 5 -> out.append("null");
            case 6 -> {
                out.append('[').append(ws(random));
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',').append(ws(random));
                    }
                    value(out, random, depth + 1);
                }
                out.append(']');
            }
            default -> {
                out.append('{');
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    boolean id = random.nextBoolean();
                    out.append('"').append(id ? "id" : word(random)).append("\":").append(ws(random));
                    value(out, random, depth + 1, escapes && !id);
                }
                out.append('}');
            }
        }
    }

    private static String word(Random random) {
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789-_ ";
        StringBuilder word = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            word.append(letters.charAt(random.nextInt(letters.length())));
        }
        return word.toString();
    }

    private static String ws(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> " ";
            case 1 -> "\n  ";
            case 2 -> "\t\r\n";
            default -> "";
        };
    }
}
