package org.portcullis.filter;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.portcullis.filter.web.HostApplication;

/** The host's web application as its {@link ServletContext} shows it: the display name and the WAR's files. */
final class ServletHostApplication implements HostApplication {

    /** Larger host files are refused: a page, a stylesheet or a bundle of messages is far smaller. */
    private static final int MAX_FILE_BYTES = 1 << 20;

    private final ServletContext context;

    ServletHostApplication(ServletContext context) {
        this.context = context;
    }

    @Override
    public Optional<String> displayName() {
        String name = context.getServletContextName();
        // Jetty names a web application without a <display-name> by its context path ("ROOT" at the root):
        // that is no name.
        boolean none = name == null || name.isBlank() || name.startsWith("/") || name.equals(context.getContextPath())
                || name.equals("ROOT") && context.getContextPath().isEmpty();
        return none ? Optional.empty() : Optional.of(name.strip());
    }

    @Override
    public Optional<byte[]> file(String path) {
        try (InputStream in = context.getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new UncheckedIOException(new IOException(path + " is larger than " + MAX_FILE_BYTES + " bytes"));
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " of the web application", e);
        }
    }
}
