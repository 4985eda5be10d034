package org.portcullis.filter.web;

import java.util.Optional;

/**
 * What Portcullis may read of the web application it guards, at start: its display name and files
 * inside its WAR, such as the pages a host puts in {@code /WEB-INF/portcullis/} to replace Portcullis'
 * own. Read once, while the filter starts; never per request.
 *
 * <pre>{@code
 * Optional<byte[]> css = host.file("/WEB-INF/portcullis/portcullis.css");
 * }</pre>
 */
@FunctionalInterface
public interface HostApplication {

    /** The web application's {@code <display-name>}, if it has one; none unless the container says. */
    default Optional<String> displayName() {
        return Optional.empty();
    }

    /**
     * The name pages and mails show: {@code configured} ({@code app.name}), else the display name, else
     * "Portcullis".
     */
    default String appName(Optional<String> configured) {
        return configured.or(this::displayName).orElse("Portcullis");
    }

    /**
     * The bytes of the file at {@code path} inside the web application ({@code /WEB-INF/...}), if there is one.
     *
     * @throws java.io.UncheckedIOException when it is there but cannot be read
     */
    Optional<byte[]> file(String path);

    /** A web application with neither a name nor files: what tests and tools without a container see. */
    static HostApplication none() {
        return path -> Optional.empty();
    }
}
