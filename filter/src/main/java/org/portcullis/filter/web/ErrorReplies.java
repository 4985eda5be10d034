package org.portcullis.filter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one error writer: every refusal ({@link ApiError}) Portcullis answers itself goes out here, as
 * its own JSON reply ({@link Responses#json}) with the headers the refusal carries ({@code Allow},
 * {@code Retry-After}). Which of the three wire shapes ({@link Shape}) it takes is decided in two
 * places only, both here: an endpoint's own refusals take the shape the endpoint was registered with
 * ({@link #write}); everything else, a refusal on the way to the host, a database outage or a fault
 * of ours, takes the action shape, which every Daptin client reads ({@link #replace}).
 *
 * <pre>{@code
 * ErrorReplies.write(Shape.JSON_API, request, response, ApiError.notSignedIn());
 * // 401  WWW-Authenticate: Bearer
 * // {"errors":[{"status":"401","code":"not_signed_in","title":"Sign in first."}]}
 * }</pre>
 */
public final class ErrorReplies {

    /** The wire shapes of a refusal. */
    public enum Shape {
        /**
         * Daptin's action reply, the contract's error:
         * {@code [{"ResponseType":"client.notify","Attributes":{"type":"error","title":"Failed","message":…,"code":…}}]}.
         */
        ACTION {
            @Override
            Object body(ApiError error) {
                Map<String, Object> attributes = new LinkedHashMap<>();
                attributes.put("type", "error");
                attributes.put("title", "Failed");
                attributes.put("message", error.getMessage());
                attributes.put("code", error.code());
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("ResponseType", "client.notify");
                item.put("Attributes", attributes);
                return List.of(item);
            }
        },
        /** The management API's JSON:API error document: {@code {"errors":[{"status":"404","code":…,"title":…}]}}. */
        JSON_API {
            @Override
            Object body(ApiError error) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("status", Integer.toString(error.status()));
                item.put("code", error.code());
                item.put("title", error.getMessage());
                return Map.of("errors", List.of(item));
            }
        },
        /** The pages' plain object, for the browser's script: {@code {"error":"method_not_allowed"}}. */
        PLAIN {
            @Override
            Object body(ApiError error) {
                return Map.of("error", error.code());
            }
        };

        abstract Object body(ApiError error);
    }

    private ErrorReplies() {
    }

    /**
     * Answers with an endpoint's own refusal, in the endpoint's {@code shape}. Nothing of the reply is
     * undone: an endpoint refuses before it writes.
     */
    public static void write(Shape shape, HttpServletRequest request, HttpServletResponse response, ApiError error)
            throws IOException {
        error.allow().ifPresent(methods -> response.setHeader("Allow", methods));
        error.retryAfterSeconds().ifPresent(seconds -> response.setHeader("Retry-After", Long.toString(seconds)));
        Responses.json(request, response, error.status(), shape.body(error));
    }

    /** As {@link #replace(HttpServletRequest, HttpServletResponse, ApiError, Optional)}, depending on no request header. */
    public static void replace(HttpServletRequest request, HttpServletResponse response, ApiError error)
            throws IOException {
        replace(request, response, error, Optional.empty());
    }

    /**
     * Answers with {@code error} in the action shape instead of whatever reply was begun (its status,
     * headers and buffered body are dropped); once the reply has gone out, nothing can be said.
     *
     * @param vary the request headers the answer depends on, for the {@code Vary} header
     */
    public static void replace(HttpServletRequest request, HttpServletResponse response, ApiError error,
                               Optional<String> vary) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        vary.ifPresent(headers -> response.setHeader("Vary", headers));
        write(Shape.ACTION, request, response, error);
    }
}
