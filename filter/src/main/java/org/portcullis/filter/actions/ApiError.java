package org.portcullis.filter.actions;

/**
 * A refusal the client is told about: an HTTP status, a machine-readable {@code code} and a human
 * message. Thrown by actions and endpoints; turned into a reply by the dispatcher. Carries no stack
 * trace, since it is an answer, not a fault.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public static ApiError notSignedIn() {
        return new ApiError(401, "not_signed_in", "Sign in first.");
    }

    public static ApiError forbidden(String code, String message) {
        return new ApiError(403, code, message);
    }

    public static ApiError conflict(String code, String message) {
        return new ApiError(409, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
