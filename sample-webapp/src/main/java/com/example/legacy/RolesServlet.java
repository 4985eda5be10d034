package com.example.legacy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What most legacy servlets do on every request: ask the container twice whether the caller has a role
 * ({@code isUserInRole}), and show a menu accordingly, with nothing but the Servlet API.
 */
public class RolesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean administrator = request.isUserInRole("administrators");
        boolean user = request.isUserInRole("users");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write((administrator ? "administrator menu" : user ? "user menu" : "guest menu") + "\n");
    }
}
