package org.portcullis.filter.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.CharConversionException;
import java.io.IOException;

/**
 * The one JSON reader and writer: strict about duplicate keys, shallow and short inputs.
 *
 * <p>Its buffers are pooled in a queue of its own, not in Jackson's default thread-local pool: that
 * would leave a Jackson buffer on every container thread that served a request, and keep the web
 * application's class loader alive after an undeploy.
 */
public final class Json {

    /** Deepest nesting of objects and arrays accepted in a request body. */
    public static final int MAX_DEPTH = 16;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(64 * 1024)
                            .maxNumberLength(32)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /**
     * Parses a request body.
     *
     * @throws ApiError 400 {@code bad_json} for text that is not JSON within these limits
     */
    public static JsonNode read(byte[] body) throws IOException {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException | CharConversionException e) {
            // CharConversionException: bytes that look like UTF-32 but end mid-character (found by InputFuzzTest).
            throw ApiError.badRequest("bad_json", "The body is not valid JSON (or nests deeper than "
                    + MAX_DEPTH + " levels, or repeats a key).");
        }
    }
}
