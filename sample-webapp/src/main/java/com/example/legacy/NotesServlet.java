package com.example.legacy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A notes list written the way legacy apps are: plain servlet, hand-rolled JSON, an in-memory store,
 * and not one line about users or permissions. Portcullis guards it from web.xml alone.
 *
 * <pre>
 * GET    /notes        list
 * POST   /notes        create (body: the note's text), 201 + Location: /notes/{id}
 * GET    /notes/{id}   read
 * PUT    /notes/{id}   replace the text
 * DELETE /notes/{id}   delete
 * </pre>
 */
public class NotesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final Map<Long, String> notes = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Long id = idOf(request);
        if (id == null) {
            StringBuilder json = new StringBuilder("[");
            for (Map.Entry<Long, String> note : notes.entrySet()) {
                json.append(json.length() > 1 ? "," : "").append(toJson(note.getKey(), note.getValue()));
            }
            send(response, 200, json.append(']').toString());
            return;
        }
        String text = notes.get(id);
        if (text == null) {
            response.sendError(404);
            return;
        }
        send(response, 200, toJson(id, text));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (idOf(request) != null) {
            response.sendError(405);
            return;
        }
        long id = ids.incrementAndGet();
        notes.put(id, body(request));
        response.setHeader("Location", request.getContextPath() + "/notes/" + id);
        send(response, 201, toJson(id, notes.get(id)));
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Long id = idOf(request);
        if (id == null || !notes.containsKey(id)) {
            response.sendError(404);
            return;
        }
        notes.put(id, body(request));
        send(response, 200, toJson(id, notes.get(id)));
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Long id = idOf(request);
        if (id == null || notes.remove(id) == null) {
            response.sendError(404);
            return;
        }
        response.setStatus(204);
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
