package com.example.legacy;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A notes list written the way legacy apps are: plain servlet, hand-rolled JSON, plain JDBC on an
 * embedded H2 file database, and not one line about users or permissions. Portcullis guards it from
 * web.xml alone.
 *
 * <pre>
 * GET    /notes        list
 * POST   /notes        create (body: the note's text), 201 + Location: /notes/{id}
 * GET    /notes/{id}   read
 * PUT    /notes/{id}   replace the text
 * DELETE /notes/{id}   delete
 * </pre>
 *
 * <p>The notes live in {@code <dir>/notes.mv.db}, where {@code <dir>} is the directory Portcullis keeps
 * its own embedded database in ({@code data.dir}, by default {@code ${user.home}/.portcullis/<context
 * name>}): Portcullis remembers who owns note 1, so note 1 has to outlive a restart as well, and an id,
 * once given, is never given again (an identity column, not a counter in memory).
 */
public class NotesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The database file name inside the data directory; Portcullis' own is {@code portcullis}. */
    static final String DATABASE = "notes";

    private static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS notes ("
            + "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            + "body CHARACTER VARYING NOT NULL)";

    private transient JdbcConnectionPool database;

    @Override
    public void init() throws ServletException {
        Path dir = dataDir(getServletContext()).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            // DB_CLOSE_ON_EXIT=FALSE: no JVM shutdown hook, destroy() closes it. WRITE_DELAY=0: a change
            // is in the file before its reply goes out, so before Portcullis registers the note's owner;
            // H2's default (written within half a second) would let a killed process forget the note
            // and give its id again, to someone else, with the first owner's permission rows.
            database = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve(DATABASE)
                    + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "");
            try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
                s.execute(CREATE_TABLE);
            }
        } catch (IOException | SQLException e) {
            destroy();
            log("cannot open the notes database in " + dir, e);
            throw new UnavailableException("cannot open the notes database in " + dir + ": " + e.getMessage());
        }
        log("notes database: " + dir.resolve(DATABASE) + ".mv.db");
    }

    @Override
    public void destroy() {
        if (database == null) {
            return;
        }
        // Closes the pooled connections, and with the last one H2 closes the database: its file is
        // written out and unlocked. (With WRITE_DELAY=0, H2 runs no thread of its own for it.)
        database.dispose();
        database = null;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        Long id = idOf(request);
        try (Connection c = database.getConnection()) {
            if (id == null) {
                StringBuilder json = new StringBuilder("[");
                try (Statement s = c.createStatement();
                     ResultSet notes = s.executeQuery("SELECT id, body FROM notes ORDER BY id")) {
                    while (notes.next()) {
                        json.append(json.length() > 1 ? "," : "").append(toJson(notes.getLong(1), notes.getString(2)));
                    }
                }
                send(response, 200, json.append(']').toString());
                return;
            }
            String text;
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM notes WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet note = s.executeQuery()) {
                    text = note.next() ? note.getString(1) : null;
                }
            }
            if (text == null) {
                response.sendError(404);
                return;
            }
            send(response, 200, toJson(id, text));
        } catch (SQLException e) {
            throw new ServletException("notes database", e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (idOf(request) != null) {
            response.sendError(405);
            return;
        }
        String text = body(request);
        long id;
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO notes (body) VALUES (?)", new String[] {"ID"})) {
            s.setString(1, text);
            s.executeUpdate();
            try (ResultSet key = s.getGeneratedKeys()) {
                key.next();
                id = key.getLong(1);
            }
        } catch (SQLException e) {
            throw new ServletException("notes database", e);
        }
        response.setHeader("Location", request.getContextPath() + "/notes/" + id);
        send(response, 201, toJson(id, text));
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        Long id = idOf(request);
        if (id == null) {
            response.sendError(404);
            return;
        }
        String text = body(request);
        if (update(c -> {
            PreparedStatement s = c.prepareStatement("UPDATE notes SET body = ? WHERE id = ?");
            s.setString(1, text);
            s.setLong(2, id);
            return s;
        }) == 0) {
            response.sendError(404);
            return;
        }
        send(response, 200, toJson(id, text));
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        Long id = idOf(request);
        if (id == null || update(c -> {
            PreparedStatement s = c.prepareStatement("DELETE FROM notes WHERE id = ?");
            s.setLong(1, id);
            return s;
        }) == 0) {
            response.sendError(404);
            return;
        }
        response.setStatus(204);
    }

    /** A statement that changes rows, prepared on a connection. */
    private interface Change {
        PreparedStatement on(Connection c) throws SQLException;
    }

    /** Runs one change in its own transaction (auto-commit) and answers how many rows it changed. */
    private int update(Change change) throws ServletException {
        try (Connection c = database.getConnection(); PreparedStatement s = change.on(c)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new ServletException("notes database", e);
        }
    }

    /**
     * The directory Portcullis keeps its embedded database in, worked out as its filter does: the
     * filter's {@code data.dir} init-param, else the context-param {@code portcullis.data.dir}, with
     * {@code ${env:NAME}} and {@code ${sys:NAME}} replaced; blank or not given,
     * {@code ${user.home}/.portcullis/<context name>}.
     */
    static Path dataDir(ServletContext context) throws ServletException {
        String given = null;
        try {
            for (FilterRegistration filter : context.getFilterRegistrations().values()) {
                if ("org.portcullis.filter.PortcullisFilter".equals(filter.getClassName())) {
                    given = filter.getInitParameter("data.dir");
                    break;
                }
            }
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // a container that will not list its filters here: fall back to the context-param
        }
        if (given == null) {
            given = context.getInitParameter("portcullis.data.dir");
        }
        String dir = given == null ? "" : resolve(given).strip();
        return dir.isEmpty() ? Path.of(System.getProperty("user.home"), ".portcullis", contextName(context)) : Path.of(dir);
    }

    /** Portcullis' name for the web application: {@code ROOT} for {@code /}, else the path with odd characters as {@code _}. */
    static String contextName(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "ROOT" : path.substring(1).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|sys):([A-Za-z0-9_.\\-]+)}");

    private static String resolve(String raw) throws ServletException {
        Matcher m = REFERENCE.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = "env".equals(m.group(1)) ? System.getenv(m.group(2)) : System.getProperty(m.group(2));
            if (value == null) {
                throw new UnavailableException("data.dir refers to " + m.group(1) + " variable '" + m.group(2)
                        + "', which is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Long idOf(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null || info.equals("/")) {
            return null;
        }
        try {
            return Long.parseLong(info.substring(1));
        } catch (NumberFormatException e) {
            return -1L; // no such note
        }
    }

    private static String body(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(10_000);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String toJson(long id, String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return "{\"id\":" + id + ",\"text\":\"" + escaped + "\"}";
    }

    private static void send(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.write(json);
    }
}
