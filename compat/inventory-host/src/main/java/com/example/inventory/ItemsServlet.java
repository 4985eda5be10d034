package com.example.inventory;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Stock items, in memory: POST /items (body: the item's name) answers 201 and its Location; GET /items/{n}. */
public class ItemsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final Map<Integer, String> items = new ConcurrentHashMap<>();
    private final AtomicInteger last = new AtomicInteger();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = new String(request.getInputStream().readNBytes(200), StandardCharsets.UTF_8).replaceAll("[^A-Za-z0-9 ]", "");
        int n = last.incrementAndGet();
        items.put(n, name);
        response.setStatus(201);
        response.setHeader("Location", request.getContextPath() + "/items/" + n);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("item " + n);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String name = path == null || !path.matches("/[1-9][0-9]{0,8}") ? null : items.get(Integer.valueOf(path.substring(1)));
        if (name == null) {
            response.sendError(404);
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(name);
    }
}
