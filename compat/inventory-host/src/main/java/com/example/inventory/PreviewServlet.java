package com.example.inventory;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * An unguarded page that includes a guarded one, as legacy pages often assemble fragments:
 * GET /preview/{n} includes /items/{n}. Portcullis must check the include against the included path.
 */
public class PreviewServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String path = request.getPathInfo();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("preview: ");
        if (path != null && path.matches("/[1-9][0-9]{0,8}")) {
            request.getRequestDispatcher("/items" + path).include(request, response);
        }
    }
}
