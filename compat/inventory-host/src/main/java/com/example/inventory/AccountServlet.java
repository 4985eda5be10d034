package com.example.inventory;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import org.portcullis.filter.Portcullis;

/** Who the container and Portcullis' Java API say the caller is, one fact a line. */
public class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("remoteUser=" + request.getRemoteUser());
        out.println("principal=" + (request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName()));
        out.println("authType=" + request.getAuthType());
        out.println("inUsers=" + request.isUserInRole("users"));
        out.println("inAdministrators=" + request.isUserInRole("administrators"));
        out.println("apiEmail=" + Portcullis.currentUser(request).map(user -> user.email()).orElse("guest"));
    }
}
