package org.portcullis.filter.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.Permission;

/** The instance-after check of a collection read, item by item, and what it leaves alone. */
class CollectionFilterTest {

    private static final AccessRow READABLE = new AccessRow(null, Permission.parse("guest:pr"), Map.of());
    private static final AccessRow HIDDEN = new AccessRow(null, Permission.parse("guest:p"), Map.of());

    /** Rows for ids 1..9: odd ids readable, even hidden; any other id has no row. */
    private static final Function<List<String>, Map<String, AccessRow>> ROWS = ids -> {
        Map<String, AccessRow> rows = new HashMap<>();
        for (String id : ids) {
            if (id.matches("[1-9]")) {
                rows.put(id, Integer.parseInt(id) % 2 == 1 ? READABLE : HIDDEN);
            }
        }
        return rows;
    };

    /** The rows of {@link #ROWS}, decided by {@code readable}, one answer per id. */
    private static CollectionFilter.Readable decidedBy(Predicate<AccessRow> readable) {
        return ids -> {
            Map<String, AccessRow> rows = ROWS.apply(ids);
            boolean[] answers = new boolean[ids.size()];
            for (int i = 0; i < answers.length; i++) {
                answers[i] = readable.test(rows.get(ids.get(i)));
            }
            return answers;
        };
    }

    private static String filter(String body) throws IOException {
        Optional<byte[]> out = CollectionFilter.filter(body.getBytes(StandardCharsets.UTF_8), decidedBy(
                row -> row != null && row.permission().allows(Permission.Tier.GUEST, Permission.Action.READ)));
        return out.map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void arrayWhenSomeItemsAreNotReadableThenOnlyThoseAreRemoved() throws IOException {
        assertEquals("[{\"id\":1,\"t\":\"a\"},{\"id\":\"3\",\"t\":\"c\"}]",
                filter("[{\"id\":1,\"t\":\"a\"},{\"id\":2,\"t\":\"b\"},{\"id\":\"3\",\"t\":\"c\"},{\"id\":4}]"));
    }

    @Test
    void jsonApiDocumentWhenFilteredThenItsDataArrayLosesTheHiddenItemsAndTheRestStays() throws IOException {
        assertEquals("{\"data\":[{\"id\":\"5\"}],\"meta\":{\"total\":2}}",
                filter("{\"data\":[{\"id\":\"5\"},{\"id\":\"6\"}],\"meta\":{\"total\":2}}"));
    }

    @Test
    void itemsWhenTheyHaveNoUsableIdOrNoRowThenRemoved() throws IOException {
        assertEquals("[]", filter("[{\"name\":\"no id\"},{\"id\":null},{\"id\":{\"x\":1}},{\"id\":1.5},{\"id\":77}]"));
    }

    @Test
    void bodyWhenNotAJsonListThenLeftAlone() throws IOException {
        for (String other : new String[] {"not json", "{\"id\":2}", "{\"data\":{\"id\":2}}", "42", ""}) {
            assertEquals(null, filter(other), other);
        }
    }

    @Test
    void bodyWhenNothingIsRemovedThenTheHostsBytesGoOutUnchanged() throws IOException {
        byte[] body = "[ {\"id\":1} ,\n {\"id\":3} ]".getBytes(StandardCharsets.UTF_8);
        Optional<byte[]> out = CollectionFilter.filter(body, decidedBy(row -> row == READABLE));
        assertTrue(out.isPresent());
        assertSame(body, out.get());
    }

    @Test
    void bodyWhenSomethingFollowsTheListThenItIsDroppedNotPassedOn() throws IOException {
        assertEquals("[{\"id\":1}]", filter("[{\"id\":1}] [{\"id\":2,\"secret\":\"x\"}]"));
        assertEquals("[{\"id\":1}]", filter("[{\"id\":1}]garbage"));
    }

    @Test
    void listWhenItBreaksOffOrIsMalformedThenNothingOfItGoesOut() throws IOException {
        assertEquals("[]", filter("[{\"id\":1},{\"id\":2,\"secret\":\"x\"}"));
        assertEquals("[]", filter("[{\"id\":1}, }"));
        assertEquals("{\"data\":[]}", filter("{\"data\":[{\"id\":2}, oops"));
    }

    @Test
    void objectWhenJacksonStopsBeforeReachingItsDataThenNothingOfItGoesOut() throws IOException {
        // Valid JSON past Jackson's own limits before "data" (a number of 1,001 digits, nesting of 1,001),
        // and an object cut short: nobody has read what follows, so none of it may pass.
        assertEquals("{\"data\":[]}", filter("{\"meta\":" + "1".repeat(1001) + ",\"data\":[{\"id\":2}]}"));
        assertEquals("{\"data\":[]}",
                filter("{\"meta\":" + "[".repeat(1001) + "]".repeat(1001) + ",\"data\":[{\"id\":2}]}"));
        assertEquals("{\"data\":[]}", filter("{\"error\":\"cut short"));
    }

    @Test
    void jsonApiDocumentInUtf16WhenTheLastOfRepeatedDataIsNoArrayThenNothingOfItGoesOut() throws IOException {
        assertEquals("{\"data\":[]}", filterUtf16("{\"data\":[{\"id\":2,\"secret\":\"x\"}],\"data\":{}}"));
    }

    @Test
    void jsonApiDocumentWhenDataRepeatsThenEveryDataArrayIsFiltered() throws IOException {
        assertEquals("{\"data\":[{\"id\":1}],\"data\":[{\"id\":3}]}",
                filter("{\"data\":[{\"id\":1},{\"id\":2}],\"data\":[{\"id\":3},{\"id\":4}]}"));
    }

    @Test
    void itemWhenItsIdIsGivenTwiceThenRemoved() throws IOException {
        assertEquals("[{\"id\":3}]", filter("[{\"id\":1,\"id\":2},{\"id\":3}]"));
    }

    @Test
    void bodyWhenInUtf16ThenFilteredAllTheSame() throws IOException {
        assertEquals("[{\"id\":1}]", filterUtf16("[{\"id\":1},{\"id\":2}]"));
    }

    /** {@code body} sent in UTF-16BE, filtered with odd ids readable; the reply (UTF-8) as text. */
    private static String filterUtf16(String body) throws IOException {
        Optional<byte[]> out = CollectionFilter.filter(body.getBytes(StandardCharsets.UTF_16BE),
                decidedBy(row -> row == READABLE));
        return new String(out.orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void itemsWhenDecidedThenTheCheckIsAskedOnceWithTheUsableIdsInTheirOrder() throws IOException {
        List<List<String>> asked = new ArrayList<>();
        Optional<byte[]> out = CollectionFilter.filter(
                "{\"data\":[{\"id\":\"9\"},{\"x\":1},{\"id\":1}],\"data\":[{\"id\":2}]}".getBytes(StandardCharsets.UTF_8),
                ids -> {
                    asked.add(List.copyOf(ids));
                    return new boolean[] {true, false, true};
                });
        assertEquals(List.of(List.of("9", "1", "2")), asked);
        assertEquals("{\"data\":[{\"id\":\"9\"}],\"data\":[{\"id\":2}]}",
                new String(out.orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void bodyWhenEveryItemStaysButWhiteSpaceFollowsThenOnlyTheJsonValueGoesOut() throws IOException {
        assertEquals("[{\"id\":1},{\"id\":3}]", filter("[{\"id\":1},{\"id\":3}]\n\n"));
    }

    @Test
    void checkWhenItAnswersForTooFewIdsThenTheFilterFailsRatherThanGuess() {
        assertThrows(IllegalStateException.class, () -> CollectionFilter.filter(
                "[{\"id\":1},{\"id\":2}]".getBytes(StandardCharsets.UTF_8), ids -> new boolean[] {true}));
    }
}
