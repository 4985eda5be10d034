package org.portcullis.filter.testing;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class loader like a deployed WAR's: Portcullis and every library on the test class path are
 * loaded anew by it, as from {@code WEB-INF/lib}; only the Servlet API is the container's (the test's
 * own class loader's), so that an embedded container can run a filter it loaded.
 */
public final class WebAppClassLoader extends URLClassLoader {

    private static final String SHARED = "jakarta.servlet.";

    public WebAppClassLoader() {
        super("test-webapp", classPath(), new ServletApiOnly(WebAppClassLoader.class.getClassLoader()));
    }

    /** The test class path: surefire names it apart from its own booter's. */
    private static URL[] classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                try {
                    urls.add(Path.of(entry).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(entry, e);
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** The JDK's platform classes, and the Servlet API from the container. */
    private static final class ServletApiOnly extends ClassLoader {
        private final ClassLoader container;

        ServletApiOnly(ClassLoader container) {
            super("servlet-api-only", ClassLoader.getPlatformClassLoader());
            this.container = container;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            return name.startsWith(SHARED) ? container.loadClass(name) : super.loadClass(name, resolve);
        }
    }
}
