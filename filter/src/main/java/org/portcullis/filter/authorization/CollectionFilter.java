package org.portcullis.filter.authorization;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The instance-after check of a collection read: removes from a JSON array reply (or the
 * {@code data} array of a JSON:API reply, every one if the key repeats) every item the caller may
 * not read. An item is named by its {@code id} member; an item with no usable id (none, not a string
 * or integer, or given twice) is removed, since nobody can say it is allowed.
 *
 * <p>The reply is read as a stream of tokens, not as a tree: the items are found by their byte
 * ranges, and when every item stays and nothing follows the JSON value, the host's bytes go out
 * unchanged. Anything after the first JSON value is dropped, so nothing can ride along unchecked;
 * a list that breaks off or is not valid JSON becomes an empty list. A body whose byte offsets the
 * parser cannot give (UTF-16 or UTF-32) is filtered through a tree.
 */
final class CollectionFilter {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** One array of items in the body: where it is, and each item's range and id. */
    private record ListSpan(long open, long close, List<long[]> ranges, List<String> ids) {
    }

    private CollectionFilter() {
    }

    /**
     * @param rowsOf looks up the permission rows of the given ids, in one go
     * @param readable whether one row (or {@code null}: no row) may be read
     * @return the filtered body, or empty when the body is not a JSON list (then it is left alone)
     */
    static Optional<byte[]> filter(byte[] body, Function<List<String>, Map<String, AccessRow>> rowsOf,
                                   Predicate<AccessRow> readable) throws IOException {
        List<ListSpan> lists = new ArrayList<>();
        long valueEnd;
        JsonToken first = null;
        boolean inData = false;
        try (JsonParser parser = FACTORY.createParser(body)) {
            first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                lists.add(items(parser));
            } else if (first == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean data = "data".equals(parser.currentName());
                    if (parser.nextToken() == JsonToken.START_ARRAY && data) {
                        inData = true;
                        lists.add(items(parser));
                    } else {
                        parser.skipChildren();
                    }
                }
                if (lists.isEmpty()) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
            valueEnd = parser.currentTokenLocation().getByteOffset() + 1;
            boolean trailing;
            try {
                trailing = parser.nextToken() != null;
            } catch (IOException notJson) {
                trailing = true; // whatever follows is dropped below
            }
            if (valueEnd <= 0 || lists.stream().anyMatch(l -> l.open() < 0)) {
                return byTree(body, rowsOf, readable); // no byte offsets for this encoding
            }
            return Optional.of(rebuild(body, lists, valueEnd, trailing, rowsOf, readable));
        } catch (IOException broken) {
            if (first == JsonToken.START_ARRAY || inData) {
                // It began as a list and then broke: a lenient client could still read the first items,
                // so none of them goes out.
                return Optional.of((first == JsonToken.START_ARRAY ? "[]" : "{\"data\":[]}").getBytes(
                        StandardCharsets.UTF_8));
            }
            return Optional.empty();
        }
    }

    /** Reads the items of the array the parser has just opened, up to its closing bracket. */
    private static ListSpan items(JsonParser parser) throws IOException {
        long open = parser.currentTokenLocation().getByteOffset();
        List<long[]> ranges = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("the list ends before its closing bracket");
            }
            long start = parser.currentTokenLocation().getByteOffset();
            String id = token == JsonToken.START_OBJECT ? idOfObject(parser) : null;
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
            }
            ranges.add(new long[] {start, parser.currentTokenLocation().getByteOffset() + 1});
            ids.add(id);
        }
        return new ListSpan(open, parser.currentTokenLocation().getByteOffset(), ranges, ids);
    }

    /** The {@code id} of the object the parser has just opened, read up to its closing brace; null if unusable. */
    private static String idOfObject(JsonParser parser) throws IOException {
        String id = null;
        boolean seen = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean isId = "id".equals(parser.currentName());
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

    private static byte[] rebuild(byte[] body, List<ListSpan> lists, long valueEnd, boolean trailing,
                                  Function<List<String>, Map<String, AccessRow>> rowsOf,
                                  Predicate<AccessRow> readable) {
        List<String> known = new ArrayList<>();
        lists.forEach(list -> list.ids().forEach(id -> {
            if (id != null) {
                known.add(id);
            }
        }));
        Map<String, AccessRow> rows = rowsOf.apply(known);
        boolean removed = false;
        List<boolean[]> keeps = new ArrayList<>();
        for (ListSpan list : lists) {
            boolean[] keep = new boolean[list.ids().size()];
            for (int i = 0; i < keep.length; i++) {
                String id = list.ids().get(i);
                keep[i] = id != null && readable.test(rows.get(id));
                removed |= !keep[i];
            }
            keeps.add(keep);
        }
        if (!removed && !trailing && valueEnd == body.length) {
            return body; // every item stays: the host's own bytes, unparsed and unreformatted
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int at = 0;
        for (int l = 0; l < lists.size(); l++) {
            ListSpan list = lists.get(l);
            out.write(body, at, (int) list.open() + 1 - at);
            boolean firstKept = true;
            for (int i = 0; i < list.ranges().size(); i++) {
                if (keeps.get(l)[i]) {
                    if (!firstKept) {
                        out.write(',');
                    }
                    long[] range = list.ranges().get(i);
                    out.write(body, (int) range[0], (int) (range[1] - range[0]));
                    firstKept = false;
                }
            }
            at = (int) list.close();
        }
        out.write(body, at, (int) valueEnd - at);
        return out.toByteArray();
    }

    /** The same filter over a tree, for bodies in encodings without byte offsets. */
    private static Optional<byte[]> byTree(byte[] body, Function<List<String>, Map<String, AccessRow>> rowsOf,
                                           Predicate<AccessRow> readable) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
        ArrayNode items;
        if (root instanceof ArrayNode array) {
            items = array;
        } else if (root instanceof ObjectNode object && object.get("data") instanceof ArrayNode data) {
            items = data;
        } else {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        items.forEach(item -> treeId(item).ifPresent(ids::add));
        Map<String, AccessRow> rows = rowsOf.apply(ids);
        for (int i = items.size() - 1; i >= 0; i--) {
            Optional<String> id = treeId(items.get(i));
            if (id.isEmpty() || !readable.test(rows.get(id.get()))) {
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
