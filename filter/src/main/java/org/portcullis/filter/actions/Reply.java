package org.portcullis.filter.actions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.SafeRedirect;

/**
 * The answer to an action in Daptin's wire format: a JSON array of
 * {@code {"ResponseType": ..., "Attributes": {...}}} objects, an HTTP status, and any
 * {@code Set-Cookie} headers that go with it. A refusal is not a reply: the action throws
 * {@link ApiError}, and {@link org.portcullis.filter.web.ErrorReplies} writes it in the same format.
 */
public final class Reply {

    private final int status;
    private final List<Map<String, Object>> items = new ArrayList<>();
    private final List<String> setCookies = new ArrayList<>();

    private Reply(int status) {
        this.status = status;
    }

    public static Reply ok() {
        return new Reply(200);
    }

    public Reply notify(String type, String title, String message) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", type);
        attributes.put("title", title);
        attributes.put("message", message);
        items.add(item("client.notify", attributes));
        return this;
    }

    public Reply storeSet(String key, String value) {
        items.add(item("client.store.set", keyValue(key, value)));
        return this;
    }

    public Reply cookieSet(String key, String value) {
        items.add(item("client.cookie.set", keyValue(key, value)));
        return this;
    }

    /**
     * A {@code client.redirect}. Only a path on this site is sent: any other {@code location}
     * ({@code //host}, {@code /\host}, {@code https://...}, or one of those once percent-decoded)
     * becomes {@code /}.
     */
    public Reply redirect(String location, int delayMillis) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("location", SafeRedirect.orElse(location, "/"));
        attributes.put("window", "self");
        attributes.put("delay", delayMillis);
        items.add(item("client.redirect", attributes));
        return this;
    }

    /** Adds a {@code Set-Cookie} header to the HTTP reply. */
    public Reply setCookie(String header) {
        setCookies.add(header);
        return this;
    }

    public int status() {
        return status;
    }

    public List<Map<String, Object>> items() {
        return List.copyOf(items);
    }

    public List<String> setCookies() {
        return List.copyOf(setCookies);
    }

    private static Map<String, Object> keyValue(String key, String value) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("key", key);
        attributes.put("value", value);
        return attributes;
    }

    private static Map<String, Object> item(String type, Map<String, Object> attributes) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("ResponseType", type);
        item.put("Attributes", attributes);
        return item;
    }
}
