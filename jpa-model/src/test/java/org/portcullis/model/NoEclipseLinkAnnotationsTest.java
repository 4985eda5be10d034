package org.portcullis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The model carries JPA annotations only. The published filter jar relocates EclipseLink, and EclipseLink
 * recognises its own annotations by the unrelocated name {@code org.eclipse.persistence}: inside that jar an
 * EclipseLink annotation on an entity ({@code @Multitenant}, {@code @Cache}, {@code @Index}, …) is silently
 * ignored, while every test on the unshaded classes passes. What such an annotation would do belongs in
 * {@link ModelCustomizer}.
 */
class NoEclipseLinkAnnotationsTest {

    private static final Pattern CLASS = Pattern.compile("<class>([^<]+)</class>");

    @Test
    void modelWhenScannedThenNoClassFieldOrMethodCarriesAnEclipseLinkAnnotation() throws Exception {
        Deque<Class<?>> classes = new ArrayDeque<>(persistenceUnitClasses());
        assertTrue(classes.size() >= 10, "persistence.xml lists the entities: " + classes);
        List<String> found = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        while (!classes.isEmpty()) {
            Class<?> type = classes.removeFirst();
            if (!seen.add(type)) {
                continue;
            }
            if (type.getSuperclass() != null && type.getSuperclass() != Object.class) {
                classes.add(type.getSuperclass()); // TenantOwned and any other mapped superclass
            }
            collect(type, type.getName(), found);
            for (var field : type.getDeclaredFields()) {
                collect(field, type.getName() + "." + field.getName(), found);
            }
            for (var method : type.getDeclaredMethods()) {
                collect(method, type.getName() + "." + method.getName() + "()", found);
            }
        }
        assertEquals(List.of(), found, "EclipseLink annotations are ignored inside the shaded jar: use ModelCustomizer");
    }

    private static void collect(AnnotatedElement element, String where, List<String> found) {
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            if (annotation.annotationType().getName().startsWith("org.eclipse.persistence.")) {
                found.add(where + " @" + annotation.annotationType().getSimpleName());
            }
        }
    }

    private static List<Class<?>> persistenceUnitClasses() throws IOException, ClassNotFoundException {
        String xml;
        try (InputStream in = ModelCustomizer.class.getResourceAsStream("persistence.xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Class<?>> classes = new ArrayList<>();
        Matcher matcher = CLASS.matcher(xml);
        while (matcher.find()) {
            classes.add(Class.forName(matcher.group(1).trim()));
        }
        return classes;
    }
}
