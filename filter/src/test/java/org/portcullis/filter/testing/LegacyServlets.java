package org.portcullis.filter.testing;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Servlets of a host that knows nothing of Portcullis, for the container tests. */
public final class LegacyServlets {

    private LegacyServlets() {
    }

    /** {@code /whoami}, {@code /forward} and a catch-all, as a host app would have. */
    public static Map<String, HttpServlet> standard() {
        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        servlets.put("/whoami", new WhoAmI());
        servlets.put("/", new NotFound());
        return servlets;
    }

    /** Prints {@code remoteUser|authType|principal|isUserInRole(users)|isUserInRole(administrators)}. */
    public static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(request.getRemoteUser() + "|" + request.getAuthType() + "|"
                    + (request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName()) + "|"
                    + request.isUserInRole("users") + "|" + request.isUserInRole("administrators"));
        }
    }

    /** The host's own 404 for everything else. */
    public static final class NotFound extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(404);
            response.setContentType("text/plain");
            response.getWriter().write("host 404");
        }
    }
}
