package org.portcullis.filter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.portcullis.filter.actions.ActionDispatcher;
import org.portcullis.filter.actions.Reply;
import org.portcullis.filter.api.InstanceApi;
import org.portcullis.filter.api.UserAccountApi;
import org.portcullis.filter.api.UserGroupApi;
import org.portcullis.filter.api.WorldApi;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.AuthPages;
import org.portcullis.filter.web.Responses;

/**
 * Portcullis' own URLs: actions, the management API and the pages. Whatever goes wrong inside
 * them, the client gets JSON with a status: 503 when the database is down, 500 with no detail for
 * a fault of ours, never a stack trace.
 */
final class Endpoints {

    private static final Logger LOG = Logger.getLogger(Endpoints.class.getName());

    private final ActionDispatcher actions;
    private final UserAccountApi userAccounts;
    private final UserGroupApi userGroups;
    private final WorldApi worlds;
    private final InstanceApi instances;
    private final AuthPages pages;

    Endpoints(ActionDispatcher actions, UserAccountApi userAccounts, UserGroupApi userGroups, WorldApi worlds,
              InstanceApi instances, AuthPages pages) {
        this.actions = actions;
        this.userAccounts = userAccounts;
        this.userGroups = userGroups;
        this.worlds = worlds;
        this.instances = instances;
        this.pages = pages;
    }

    /** One of Portcullis' URL spaces. */
    @FunctionalInterface
    private interface Endpoint {
        void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
                throws IOException;
    }

    /** Whether {@code path} is one of Portcullis' URLs. */
    boolean handles(String path) {
        return endpointFor(path) != null;
    }

    /** The one place that says which URL belongs to which endpoint; {@code null} for the host's. */
    private Endpoint endpointFor(String path) {
        // Every URL below begins "/a" (/action/, /api/, /auth/): the host's paths mostly end here at once.
        if (path.length() < 2 || path.charAt(1) != 'a') {
            return null;
        }
        if (path.startsWith(ActionDispatcher.PREFIX)) {
            return actions::serve;
        } else if (UserAccountApi.handles(path)) {
            return userAccounts::serve;
        } else if (UserGroupApi.handles(path)) {
            return userGroups::serve;
        } else if (WorldApi.handles(path)) {
            return worlds::serve;
        } else if (InstanceApi.handles(path)) {
            return instances::serve;
        } else if (pages.handles(path)) {
            return (p, request, response, identity) -> pages.serve(p, request, response);
        }
        return null;
    }

    /** Answers the request if {@code path} is one of Portcullis' URLs; returns whether it did. */
    boolean serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        Endpoint endpoint = endpointFor(path);
        if (endpoint == null) {
            return false;
        }
        try {
            endpoint.serve(path, request, response, identity);
        } catch (DatabaseUnavailableException e) {
            LOG.log(Level.WARNING, "database unavailable while serving a Portcullis endpoint", e);
            fail(request, response, unavailable());
        } catch (ApiError e) {
            fail(request, response, e);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "unexpected failure in a Portcullis endpoint", e);
            fail(request, response, new ApiError(500, "internal_error", "Something went wrong on our side."));
        }
        return true;
    }

    static ApiError unavailable() {
        return new ApiError(503, "database_unavailable", "The service is unavailable; try again shortly.");
    }

    static void fail(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
        fail(request, response, error, Optional.empty());
    }

    /** As {@link #fail(HttpServletRequest, HttpServletResponse, ApiError)}, saying which request headers it depends on. */
    static void fail(HttpServletRequest request, HttpServletResponse response, ApiError error, Optional<String> vary)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        vary.ifPresent(headers -> response.setHeader("Vary", headers));
        Responses.json(request, response, error.status(), Reply.error(error).items());
    }
}
