package org.portcullis.filter.authorization;

/**
 * Thrown by {@link PermissionEngine} when the caller may not make the change asked for (share without
 * Refer, transfer by someone who is neither owner nor administrator, register without Create on the
 * entity). Nothing was changed. A {@link SecurityException}, so host code that already handles those
 * needs nothing new; catch this type to tell Portcullis' refusals apart.
 */
public final class PermissionDeniedException extends SecurityException {

    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String message) {
        super(message);
    }
}
