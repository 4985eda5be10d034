package org.portcullis.filter.spi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.portcullis.filter.identity.Identity;

/**
 * One of Portcullis' own URL spaces, registered under a prefix ({@link Registry#endpoint}) or at one path
 * ({@link Registry#endpointAt}). It answers the request itself; the host's servlet never sees it.
 */
@FunctionalInterface
public interface Endpoint {

    /**
     * Answers {@code request}.
     *
     * @param path the request's path within the web application (servlet path and path info, decoded)
     * @param identity who the request is, a guest included
     * @throws org.portcullis.filter.web.ApiError to refuse, before anything is written: it goes out in
     *     the shape the endpoint was registered with. A database outage becomes a 503, any other
     *     exception a 500 with no detail.
     */
    void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException;
}
