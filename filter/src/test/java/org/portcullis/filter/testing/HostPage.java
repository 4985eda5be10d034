package org.portcullis.filter.testing;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A host's own HTML page that shows who is signed in the documented way: elements marked
 * {@code data-portcullis} and Portcullis' script, no inline code, under the same strict policy as the pages.
 */
public final class HostPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String context = request.getContextPath();
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                + "connect-src 'self'");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Notes</title>
                <link rel="stylesheet" href="%1$s/auth/portcullis.css">
                <script src="%1$s/auth/portcullis.js" defer></script></head>
                <body><h1>Notes</h1>
                <p id="who" data-portcullis="signed-in" hidden>Signed in as <span data-portcullis="email"></span>
                (<span data-portcullis="name"></span>) <a id="signout" href="%1$s/auth/signout">Sign out</a></p>
                <p id="guest" data-portcullis="guest" hidden>Not signed in. <a href="%1$s/auth/signin">Sign in</a></p>
                </body></html>
                """.formatted(context));
    }
}
