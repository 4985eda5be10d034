package org.portcullis.filter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The script and the stylesheet of the pages, {@code /auth/portcullis.js} and {@code /auth/portcullis.css}.
 * A host replaces the stylesheet with its own {@code /WEB-INF/portcullis/portcullis.css}, read once at
 * start; the script stays Portcullis' own, since every page's requests and redirects go through it.
 */
final class PageAssets {

    static final String SCRIPT = "/auth/portcullis.js";
    static final String STYLESHEET = "/auth/portcullis.css";
    /** Where a host puts its own stylesheet. */
    static final String HOST_STYLESHEET = "/WEB-INF/portcullis/portcullis.css";

    private final byte[] script;
    private final byte[] stylesheet;

    PageAssets(HostApplication host) {
        this.script = AuthPages.resource("portcullis.js").getBytes(StandardCharsets.UTF_8);
        this.stylesheet = host.file(HOST_STYLESHEET)
                .orElseGet(() -> AuthPages.resource("portcullis.css").getBytes(StandardCharsets.UTF_8));
    }

    List<String> paths() {
        return List.of(SCRIPT, STYLESHEET);
    }

    void serve(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean isScript = path.equals(SCRIPT);
        byte[] bytes = isScript ? script : stylesheet;
        RequestBody.settle(request, response);
        response.setContentType(isScript ? "text/javascript;charset=UTF-8" : "text/css;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-cache"); // a new version of Portcullis or of the host's file shows at once
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
