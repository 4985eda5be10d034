package org.portcullis.filter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.filter.spi.Endpoint;
import org.portcullis.filter.spi.Registry;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.ErrorReplies;

/**
 * Portcullis' own URLs, as the features registered them ({@link FeatureRegistry}): which endpoint
 * answers a path (the longest registered place that takes it), and what the client gets when it
 * fails. An endpoint's refusal goes out in the shape it was registered with; whatever else goes wrong
 * inside it, the client gets JSON with a status: 503 when the database is down, 500 with no detail for
 * a fault of ours, never a stack trace.
 */
final class Endpoints {

    private static final Logger LOG = Logger.getLogger(Endpoints.class.getName());

    /** Longest path first; asked of every request whose path begins {@link Registry#RESERVED_PREFIX}. */
    private final Mount[] mounts;

    Endpoints(List<Mount> mounts) {
        this.mounts = mounts.stream()
                .sorted(Comparator.comparingInt((Mount mount) -> mount.place().path().length()).reversed())
                .toArray(Mount[]::new);
    }

    /**
     * Where an endpoint is: {@code exact}ly at {@code path}, or under it as a prefix. A prefix that ends in
     * {@code /} takes every path that begins with it; any other takes itself and the paths below it.
     */
    record Place(String path, boolean exact) {

        /** Whether a request for {@code requestPath} belongs here. */
        boolean takes(String requestPath) {
            if (exact) {
                return requestPath.equals(path);
            }
            // Without building path + "/": this is asked of every request to a Portcullis URL.
            return requestPath.startsWith(path) && (path.charAt(path.length() - 1) == '/'
                    || requestPath.length() == path.length() || requestPath.charAt(path.length()) == '/');
        }

        /**
         * Whether some request path belongs to both: then one of the two is a string prefix of that path
         * and of the other's, and takes the other's own path.
         */
        boolean overlaps(Place other) {
            return takes(other.path) || other.takes(path);
        }

        @Override
        public String toString() {
            return (exact ? "at " : "under ") + path;
        }
    }

    /** An endpoint at its place, the shape of its refusals, and who registered it (for messages and logs). */
    record Mount(Place place, ErrorReplies.Shape refusals, Endpoint endpoint, String owner) {
    }

    /** Whether {@code path} is one of Portcullis' URLs. */
    boolean handles(String path) {
        return mountFor(path) != null;
    }

    /** The endpoint that answers {@code path}; {@code null} for the host's. */
    private Mount mountFor(String path) {
        // The registry refuses a place outside "/a": the host's paths mostly end here at once.
        if (!path.startsWith(Registry.RESERVED_PREFIX)) {
            return null;
        }
        for (Mount mount : mounts) {
            if (mount.place().takes(path)) {
                return mount;
            }
        }
        return null;
    }

    /** Answers the request if {@code path} is one of Portcullis' URLs; returns whether it did. */
    boolean serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        Mount mount = mountFor(path);
        if (mount == null) {
            return false;
        }
        try {
            mount.endpoint().serve(path, request, response, identity);
        } catch (ApiError refusal) {
            ErrorReplies.write(mount.refusals(), request, response, refusal);
        } catch (DatabaseUnavailableException e) {
            LOG.log(Level.WARNING, "database unavailable while serving a Portcullis endpoint", e);
            ErrorReplies.replace(request, response, ApiError.unavailable());
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "unexpected failure in a Portcullis endpoint (" + mount.owner() + ")", e);
            ErrorReplies.replace(request, response, ApiError.internal());
        }
        return true;
    }
}
