package org.portcullis.filter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the container tests. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    /** Headers every request of this client carries, name then value (say, the tenant's). */
    private final String[] always;

    public Http(URI base) {
        this(base, new String[0]);
    }

    private Http(URI base, String[] always) {
        this.base = base;
        this.always = always;
    }

    /** A client of the same server whose every request also carries {@code headers} (name, value, ...). */
    public Http withHeaders(String... headers) {
        return new Http(base, headers.clone());
    }

    /** A client of the same port at another host name (say, {@code localhost} for {@code 127.0.0.1}). */
    public Http atHost(String host) {
        return new Http(URI.create(base.getScheme() + "://" + host + ":" + base.getPort() + base.getRawPath()), always);
    }

    public URI base() {
        return base;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<String> send(String method, String path, String body, String... headers) {
        return send(request(path, headers).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** {@code POST /action/<entity>/<action>} with {@code {"attributes": attributes}}. */
    public HttpResponse<String> action(String entityAndAction, String attributesJson, String... headers) {
        return post("/action/" + entityAndAction, "{\"attributes\":" + attributesJson + "}", headers);
    }

    public HttpResponse<String> signup(String name, String email, String password) {
        return action("user_account/signup", "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"password\":\""
                + password + "\",\"passwordConfirm\":\"" + password + "\"}");
    }

    public HttpResponse<String> signin(String email, String password) {
        return action("user_account/signin", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    /** Signs up and in; returns the token. */
    public String newUser(String email, String password) {
        HttpResponse<String> up = signup("Test User", email, password);
        if (up.statusCode() != 200) {
            throw new AssertionError("sign-up failed: " + up.statusCode() + " " + up.body());
        }
        return tokenOf(signin(email, password));
    }

    /** The token in a sign-in reply's {@code client.store.set}. */
    public static String tokenOf(HttpResponse<String> signin) {
        if (signin.statusCode() != 200) {
            throw new AssertionError("sign-in failed: " + signin.statusCode() + " " + signin.body());
        }
        for (JsonNode item : json(signin.body())) {
            if ("client.store.set".equals(item.path("ResponseType").asText())) {
                return item.path("Attributes").path("value").asText();
            }
        }
        throw new AssertionError("no token in " + signin.body());
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** The {@code code} of a contract error reply. */
    public static String errorCode(HttpResponse<String> response) {
        return json(response.body()).path(0).path("Attributes").path("code").asText();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        // Appended, not resolve()d: "//x" would become a host name.
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < always.length; i += 2) {
            builder.header(always[i], always[i + 1]);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
