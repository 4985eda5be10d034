package org.portcullis.filter.testing;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Web applications with a module in {@code WEB-INF/lib}, as far as Portcullis can tell: a class loader
 * that puts {@code modules/<name>/} of the test resources (its {@code META-INF/services}) at the root of
 * the class path, above the test classes, which hold the module's classes. Without it, no test sees the
 * module: the default class path has no such {@code META-INF/services} file.
 */
public final class Modules {

    private Modules() {
    }

    /** A web application's class loader that finds the module {@code name}. */
    public static ClassLoader webApplicationWith(String name) {
        URL root = Modules.class.getClassLoader().getResource("modules/" + name + "/");
        if (root == null) {
            throw new IllegalArgumentException("no test resources modules/" + name + "/");
        }
        return new URLClassLoader("module " + name, new URL[] {root}, Modules.class.getClassLoader());
    }
}
