package org.portcullis.filter.authorization;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The instance-after check of a collection read: removes from a JSON array reply (or the
 * {@code data} array of a JSON:API reply, every one if the key repeats) every item the caller may
 * not read. An item is named by its {@code id} member; an item with no usable id (none, not a string
 * or integer, or given twice) is removed, since nobody can say it is allowed.
 *
 * <p>The reply is read as a stream of tokens, not as a tree, and twice at most: by
 * {@link ListingScanner} when it is plain JSON of the usual kind, otherwise by Jackson's streaming
 * parser. The first reading only collects the ids: when every item stays and nothing follows the JSON
 * value (the usual case of a listing), the host's bytes go out unchanged and no item's position was
 * ever asked for. Otherwise a second reading finds each item's byte range and the kept ones are
 * copied out. Anything after the first JSON value is dropped, so nothing can ride along unchecked; a
 * list, or any object, that breaks off, is not valid JSON or goes past one of Jackson's limits becomes
 * an empty list ({@code []}, {@code {"data":[]}}): only a body that is not JSON from its first token,
 * or valid JSON with no list where one is looked for, is left alone. A body whose byte offsets the
 * parser cannot give (UTF-16 or UTF-32) is filtered through a tree.
 */
final class CollectionFilter {

    /**
     * By default Jackson refuses a body whose member names collide in its table of canonical names (its
     * own defence against hash flooding); such a reply is valid JSON and must be read like any other.
     * With this off, Jackson stops canonicalising names for the rest of that body instead. Buffers are
     * pooled as {@link org.portcullis.filter.web.Json}'s are: not on the container's threads.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.FAIL_ON_SYMBOL_HASH_OVERFLOW)
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /**
     * Decides a list's items at once: gets the ids of the items that have a usable one, in order,
     * and answers for each whether the caller may read it.
     */
    @FunctionalInterface
    interface Readable {
        boolean[] test(List<String> ids);
    }

    /** What one reading of the body found: the ids in order (null: unusable), and, when asked, where each item lies. */
    static final class Reading {
        final List<String> ids = new ArrayList<>();
        final List<long[]> ranges; // per item: start, end (exclusive); only on the reading that copies
        final List<long[]> lists = new ArrayList<>(); // per list: the offsets of '[' and ']', and its first item's index
        long valueEnd = -1;
        boolean trailing;

        Reading(boolean withRanges) {
            this.ranges = withRanges ? new ArrayList<>() : null;
        }
    }

    /** Thrown by a reading when the body is no JSON list (or JSON:API document with a data array). */
    static final class NotAList extends Exception {
        private static final long serialVersionUID = 1L;

        NotAList() {
            super(null, null, false, false);
        }
    }

    /** Thrown by a reading when a list began and then broke off; carries the empty list to send instead. */
    static final class BrokenList extends Exception {
        private static final long serialVersionUID = 1L;
        final byte[] emptied;

        BrokenList(boolean jsonApi) {
            super(null, null, false, false);
            this.emptied = emptied(jsonApi);
        }
    }

    /** What goes out instead of a list that may not: {@code {"data":[]}} or {@code []}. */
    private static byte[] emptied(boolean jsonApi) {
        return (jsonApi ? "{\"data\":[]}" : "[]").getBytes(StandardCharsets.UTF_8);
    }

    private CollectionFilter() {
    }

    /**
     * @param readable decides the items by their ids, in one go
     * @return the filtered body, or empty when the body is not a JSON list (then it is left alone)
     */
    static Optional<byte[]> filter(byte[] body, Readable readable) throws IOException {
        Reading ids;
        try {
            ids = read(body, false);
        } catch (NotAList notAList) {
            return Optional.empty();
        } catch (BrokenList broken) {
            // It began as a list and then broke: a lenient client could still read the first items,
            // so none of them goes out.
            return Optional.of(broken.emptied);
        }
        if (ids.valueEnd <= 0) {
            return byTree(body, readable); // no byte offsets for this encoding
        }
        boolean[] keep = decide(ids.ids, readable);
        boolean removed = false;
        for (boolean k : keep) {
            removed |= !k;
        }
        if (!removed && !ids.trailing && ids.valueEnd == body.length) {
            return Optional.of(body); // every item stays: the host's own bytes, unparsed and unreformatted
        }
        Reading spans;
        try {
            spans = read(body, true);
        } catch (NotAList | BrokenList changed) {
            throw new IllegalStateException("the same bytes read differently the second time", changed);
        }
        return Optional.of(copyKept(body, spans, keep));
    }

    private static Reading read(byte[] body, boolean withRanges) throws NotAList, BrokenList {
        Reading scanned = ListingScanner.scan(body, withRanges);
        return scanned != null ? scanned : readWithJackson(body, withRanges);
    }

    /** The reading of any body, by Jackson's streaming parser; {@link ListingScanner} answers alike where it answers. */
    static Reading readWithJackson(byte[] body, boolean withRanges) throws NotAList, BrokenList {
        Reading reading = new Reading(withRanges);
        JsonToken first = null;
        boolean inData = false;
        try (JsonParser parser = FACTORY.createParser(body)) {
            first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                items(parser, reading);
            } else if (first == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean data = "data".equals(parser.currentName());
                    if (parser.nextToken() == JsonToken.START_ARRAY && data) {
                        inData = true;
                        items(parser, reading);
                    } else {
                        parser.skipChildren();
                    }
                }
                if (!inData) {
                    throw new NotAList();
                }
            } else {
                throw new NotAList();
            }
            reading.valueEnd = parser.currentTokenLocation().getByteOffset() + 1;
            try {
                reading.trailing = parser.nextToken() != null;
            } catch (IOException notJson) {
                reading.trailing = true; // whatever follows is dropped
            }
            return reading;
        } catch (IOException broken) {
            // Broken, or past one of Jackson's limits (nesting, number or name length). A list that
            // began goes out empty; so does an object, which may hold a data array beyond the break
            // that nobody has read. Only a body that is not JSON from its first token is left alone.
            if (first == JsonToken.START_ARRAY || first == JsonToken.START_OBJECT) {
                throw new BrokenList(first == JsonToken.START_OBJECT);
            }
            throw new NotAList();
        }
    }

    /** Reads the items of the array the parser has just opened, up to its closing bracket. */
    private static void items(JsonParser parser, Reading reading) throws IOException {
        long open = reading.ranges == null ? -1 : parser.currentTokenLocation().getByteOffset();
        int firstItem = reading.ids.size();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("the list ends before its closing bracket");
            }
            long start = reading.ranges == null ? -1 : parser.currentTokenLocation().getByteOffset();
            String id = null;
            if (token == JsonToken.START_OBJECT) {
                id = idOfObject(parser);
            } else {
                parser.skipChildren();
            }
            if (reading.ranges != null) {
                reading.ranges.add(new long[] {start, parser.currentTokenLocation().getByteOffset() + 1});
            }
            reading.ids.add(id);
        }
        long close = reading.ranges == null ? -1 : parser.currentTokenLocation().getByteOffset();
        reading.lists.add(new long[] {open, close, firstItem});
    }

    /** The {@code id} of the object the parser has just opened, read up to its closing brace; null if unusable. */
    private static String idOfObject(JsonParser parser) throws IOException {
        String id = null;
        boolean seen = false;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            boolean isId = "id".equals(name);
            JsonToken value = parser.nextToken();
            if (isId) {
                id = !seen && (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT)
                        ? parser.getText() : null;
                seen = true;
            }
            parser.skipChildren();
        }
        return id;
    }

    /** Whether each item stays: those without a usable id never; the others as {@code readable} says. */
    private static boolean[] decide(List<String> ids, Readable readable) {
        List<String> known = new ArrayList<>(ids.size());
        for (String id : ids) {
            if (id != null) {
                known.add(id);
            }
        }
        boolean[] answers = readable.test(known);
        if (answers.length != known.size()) {
            throw new IllegalStateException("an answer for each id was expected");
        }
        boolean[] keep = new boolean[ids.size()];
        int next = 0;
        for (int i = 0; i < keep.length; i++) {
            keep[i] = ids.get(i) != null && answers[next++];
        }
        return keep;
    }

    /** The body up to the end of its JSON value, with only the kept items in each list. */
    private static byte[] copyKept(byte[] body, Reading spans, boolean[] keep) {
        if (keep.length != spans.ranges.size()) {
            throw new IllegalStateException("the same bytes read differently the second time");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int at = 0;
        for (int l = 0; l < spans.lists.size(); l++) {
            long[] list = spans.lists.get(l);
            int firstItem = (int) list[2];
            int endItem = l + 1 < spans.lists.size() ? (int) spans.lists.get(l + 1)[2] : keep.length;
            out.write(body, at, (int) list[0] + 1 - at);
            boolean firstKept = true;
            for (int i = firstItem; i < endItem; i++) {
                if (keep[i]) {
                    if (!firstKept) {
                        out.write(',');
                    }
                    long[] range = spans.ranges.get(i);
                    out.write(body, (int) range[0], (int) (range[1] - range[0]));
                    firstKept = false;
                }
            }
            at = (int) list[1];
        }
        out.write(body, at, (int) spans.valueEnd - at);
        return out.toByteArray();
    }

    /** The same filter over a tree, for bodies in encodings without byte offsets. */
    private static Optional<byte[]> byTree(byte[] body, Readable readable) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException notJson) {
            throw new IllegalStateException("the same bytes read differently the second time", notJson);
        }
        ArrayNode items;
        if (root instanceof ArrayNode array) {
            items = array;
        } else if (root instanceof ObjectNode object && object.get("data") instanceof ArrayNode data) {
            items = data;
        } else {
            // The streaming reading found a data array; the tree keeps only the last of repeated keys,
            // and that one is no array: the first must not go out unread.
            return Optional.of(emptied(true));
        }
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(treeId(item).orElse(null)));
        boolean[] keep = decide(ids, readable);
        for (int i = items.size() - 1; i >= 0; i--) {
            if (!keep[i]) {
                items.remove(i);
            }
        }
        return Optional.of(MAPPER.writeValueAsBytes(root));
    }

    private static Optional<String> treeId(JsonNode item) {
        JsonNode id = item.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
            return Optional.empty();
        }
        return Optional.of(id.asText());
    }
}
