package org.portcullis.filter.authorization;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The instance-after check of a collection read: removes from a JSON array reply (or the
 * {@code data} array of a JSON:API reply) every item the caller may not read. An item is named by
 * its {@code id} member; an item with no usable id is removed, since nobody can say it is allowed.
 */
final class CollectionFilter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CollectionFilter() {
    }

    /**
     * @param rowsOf looks up the permission rows of the given ids, in one go
     * @param readable whether one row (or {@code null}: no row) may be read
     * @return the filtered body, or empty when the body is not a JSON list (then it is left alone)
     */
    static Optional<byte[]> filter(byte[] body, Function<List<String>, Map<String, AccessRow>> rowsOf,
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
        items.forEach(item -> idOf(item).ifPresent(ids::add));
        Map<String, AccessRow> rows = rowsOf.apply(ids);
        int before = items.size();
        for (int i = items.size() - 1; i >= 0; i--) {
            Optional<String> id = idOf(items.get(i));
            if (id.isEmpty() || !readable.test(rows.get(id.get()))) {
                items.remove(i);
            }
        }
        // Nothing removed: the host's own bytes go out as they came, unparsed and unreformatted.
        return Optional.of(items.size() == before ? body : MAPPER.writeValueAsBytes(root));
    }

    private static Optional<String> idOf(JsonNode item) {
        JsonNode id = item.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
            return Optional.empty();
        }
        return Optional.of(id.asText());
    }
}
