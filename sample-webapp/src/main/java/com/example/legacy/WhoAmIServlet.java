package com.example.legacy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Says who the container thinks the caller is, using nothing but the Servlet API. */
public class WhoAmIServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getRemoteUser();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(user == null ? "guest" : user);
    }
}
