package org.portcullis.filter.testing;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.portcullis.filter.Portcullis;
import org.portcullis.filter.authorization.PermissionDeniedException;
import org.portcullis.filter.permission.Permission;

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

    /** The standard servlets plus a notes store at {@code /notes}, and {@code /dispatch} that forwards or includes. */
    public static Map<String, HttpServlet> withNotes() {
        Map<String, HttpServlet> servlets = standard();
        Notes notes = new Notes();
        servlets.put("/notes", notes);
        servlets.put("/notes/*", notes);
        servlets.put("/dispatch", new Dispatch());
        return servlets;
    }

    /** A legacy notes list: hand-made JSON, ids from a counter, no idea of users. */
    public static final class Notes extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final Map<Long, String> notes = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            String info = request.getPathInfo();
            if (info == null || info.equals("/")) {
                StringBuilder json = new StringBuilder("[");
                notes.forEach((id, text) -> json.append(json.length() > 1 ? "," : "")
                        .append("{\"id\":").append(id).append(",\"text\":\"").append(text).append("\"}"));
                response.getWriter().write(json.append("]").toString());
                response.flushBuffer(); // a legacy app that commits early must not leak unfiltered items
                return;
            }
            if (info.endsWith("/export")) {
                response.getWriter().write("exported " + info);
                return;
            }
            String text = notes.get(Long.parseLong(info.substring(1)));
            if (text == null) {
                response.sendError(404);
                return;
            }
            response.getWriter().write("{\"id\":" + info.substring(1) + ",\"text\":\"" + text + "\"}");
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            long id = ids.incrementAndGet();
            notes.put(id, new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            response.setStatus(201);
            response.setHeader("Location", request.getContextPath() + "/notes/" + id);
            response.getWriter().write("{\"id\":" + id + "}");
        }

        @Override
        protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
            long id = Long.parseLong(request.getPathInfo().substring(1));
            notes.put(id, new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            response.setStatus(204);
        }

        @Override
        protected void doDelete(HttpServletRequest request, HttpServletResponse response) {
            notes.remove(Long.parseLong(request.getPathInfo().substring(1)));
            response.setStatus(204);
        }
    }

    /** {@code /dispatch?to=/path&mode=forward|include}: an unguarded page that hands over to another path. */
    public static final class Dispatch extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException, jakarta.servlet.ServletException {
            var dispatcher = request.getRequestDispatcher(request.getParameter("to"));
            if ("include".equals(request.getParameter("mode"))) {
                dispatcher.include(request, response);
            } else {
                dispatcher.forward(request, response);
            }
        }
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

    /**
     * A host servlet that uses the Java API: {@code GET ?entity=&id=&action=} prints what
     * {@code Portcullis.may} answers for the request's user; {@code POST ?entity=&id=&group=&permission=}
     * shares the instance with the group as that user, 204, or 403 when Portcullis refuses.
     */
    public static final class HostPermissions extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Permission.Action action = Permission.Action.valueOf(request.getParameter("action").toUpperCase(Locale.ROOT));
            boolean may = Portcullis.may(request, request.getParameter("entity"),
                    request.getParameter("id"), action);
            response.setContentType("text/plain");
            response.getWriter().write(Boolean.toString(may));
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            try {
                Portcullis.permissions(request).share(Portcullis.identity(request),
                        request.getParameter("entity"), request.getParameter("id"), request.getParameter("group"),
                        Permission.parse(request.getParameter("permission")));
                response.setStatus(204);
            } catch (PermissionDeniedException refused) {
                response.setStatus(403);
            }
        }
    }
}
