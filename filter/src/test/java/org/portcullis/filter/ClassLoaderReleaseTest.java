package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whose class loader Portcullis lets go of at destroy: the web application's, only when Portcullis came
 * from it. The drivers and caches of the JVM's class path, or of a container's shared library, are
 * shared with others and stay.
 */
class ClassLoaderReleaseTest {

    private final ClassLoader system = ClassLoader.getSystemClassLoader();
    private final ClassLoader shared = new URLClassLoader("shared", new URL[0], system);
    private final ClassLoader webApp = new URLClassLoader("webapp", new URL[0], shared);

    @Test
    void ownedWhenPortcullisCameFromTheWebApplicationsClassLoaderThenYes() {
        assertTrue(ClassLoaderRelease.owned(webApp, webApp, system));
    }

    @Test
    void ownedWhenPortcullisIsInASharedLibraryAboveTheWebApplicationThenNo() {
        assertFalse(ClassLoaderRelease.owned(webApp, shared, system));
    }

    @Test
    void ownedWhenTheWebApplicationRunsOnTheJvmsClassPathThenNo() {
        assertFalse(ClassLoaderRelease.owned(system, system, system), "an embedded container, a test");
        assertFalse(ClassLoaderRelease.owned(ClassLoader.getPlatformClassLoader(), system, system));
    }

    @Test
    void ownedWhenTheContainerGivesNoClassLoaderThenNo() {
        assertFalse(ClassLoaderRelease.owned(null, webApp, system));
    }

    @Test
    void runWhenPortcullisIsOnTheJvmsClassPathThenDeregistersNothing() {
        // This test's own H2 driver is the system class loader's: other tests go on using it.
        assertEquals(List.of(), ClassLoaderRelease.of(system).run());
        assertEquals(List.of(), ClassLoaderRelease.of(null).run());
    }
}
