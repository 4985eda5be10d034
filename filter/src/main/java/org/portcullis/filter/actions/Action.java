package org.portcullis.filter.actions;

import org.portcullis.filter.web.ApiError;

/** One action, {@code POST /action/<entity>/<name>}. */
public interface Action {

    /** The entity it belongs to, e.g. {@code user_account}. */
    String entity();

    /** Its name, e.g. {@code signup}. */
    String name();

    /**
     * Performs the action in at most one transaction.
     *
     * @throws ApiError when the request cannot be done; nothing is left written
     */
    Reply perform(ActionRequest request);
}
