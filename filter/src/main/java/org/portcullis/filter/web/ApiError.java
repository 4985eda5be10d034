package org.portcullis.filter.web;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A refusal the client is told about: an HTTP status, a machine-readable {@code code} and a human
 * message, and the headers that go with it ({@code Allow}, {@code Retry-After}). Thrown by actions and
 * endpoints; written by {@link ErrorReplies}. Carries no stack trace, since it is an answer, not a fault.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final String NOT_SIGNED_IN = "not_signed_in";

    private final int status;
    private final String code;
    private final long retryAfterSeconds;
    private final String allow;

    public ApiError(int status, String code, String message) {
        this(status, code, message, 0, null);
    }

    private ApiError(int status, String code, String message, long retryAfterSeconds, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
        this.allow = allow;
    }

    /** The same refusal with a {@code Retry-After} of {@code wait}, rounded up to whole seconds (at least 1). */
    public ApiError retryAfter(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return new ApiError(status, code, getMessage(), seconds, allow);
    }

    /**
     * 405 {@code method_not_allowed}, telling the client which methods the resource does take, e.g.
     * {@code ApiError.methodNotAllowed("GET, HEAD", "Use GET, HEAD here.")} answers with {@code Allow: GET, HEAD}.
     */
    public static ApiError methodNotAllowed(String allow, String message) {
        return new ApiError(405, "method_not_allowed", message, 0, allow);
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public static ApiError notSignedIn() {
        return new ApiError(401, NOT_SIGNED_IN, "Sign in first.");
    }

    /** Whether this is the refusal of a guest where a user is needed ({@link #notSignedIn}). */
    public boolean isNotSignedIn() {
        return status == 401 && NOT_SIGNED_IN.equals(code);
    }

    public static ApiError forbidden(String code, String message) {
        return new ApiError(403, code, message);
    }

    /** The bcrypt work of sign-in and sign-up is queued full: try again in a second. */
    public static ApiError busy() {
        return new ApiError(503, "busy", "Too many sign-ins at once; try again shortly.").retryAfter(Duration.ofSeconds(1));
    }

    public static ApiError conflict(String code, String message) {
        return new ApiError(409, code, message);
    }

    /** The database cannot be reached: 503, and the client is asked to try again shortly. */
    public static ApiError unavailable() {
        return new ApiError(503, "database_unavailable", "The service is unavailable; try again shortly.");
    }

    /** A fault of ours: 500 with no detail; what went wrong is in the log, never in the reply. */
    public static ApiError internal() {
        return new ApiError(500, "internal_error", "Something went wrong on our side.");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds for a {@code Retry-After} header, if the client should be told when to try again. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds > 0 ? OptionalLong.of(retryAfterSeconds) : OptionalLong.empty();
    }

    /** The methods the resource takes, for the {@code Allow} header of a 405 ({@link #methodNotAllowed}). */
    public Optional<String> allow() {
        return Optional.ofNullable(allow);
    }
}
