package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The javax jar is made by the Eclipse Transformer, which renames {@code jakarta.servlet} in
 * descriptors and ordinary signatures but leaves it in a signature that declares type parameters
 * ({@code <T:Ljava/lang/Object;>(Ljakarta/servlet/...)}); on Tomcat 9 such a class names a type that is
 * not there. CI's hosts check finds that in the built jar; this finds it in the compiled classes, before
 * a jar is made: no generic method or class of ours may name a servlet type in its signature.
 */
class JavaxSignatureTest {

    /** A signature with formal type parameters that names the servlet API (read from the constant pool's text). */
    private static final Pattern GENERIC_WITH_SERVLET =
            Pattern.compile("<[A-Za-z_$][\\w$]*:[\\x20-\\x7e]*?jakarta/servlet/[\\w/$]+");

    @Test
    void compiledClassesWhenReadThenNoGenericSignatureNamesTheServletApi() throws IOException, URISyntaxException {
        Path classes = Path.of(Portcullis.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders;
        int read;
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".class")).toList();
            read = all.size();
            offenders = all.stream().filter(JavaxSignatureTest::offends)
                    .map(f -> classes.relativize(f).toString()).sorted().toList();
        }
        assertTrue(read > 100, "read only " + read + " class files under " + classes);
        assertEquals(List.of(), offenders,
                "make these methods non-generic (or move the type parameter off the servlet types)");
    }

    @Test
    void patternWhenGivenTheSignatureThatBrokeTheJavaxJarThenFindsIt() {
        String broken = "<T:Ljava/lang/Object;>(Ljava/lang/String;Ljakarta/servlet/http/HttpServletRequest;"
                + "Ljava/util/function/BiPredicate<Ljakarta/persistence/EntityManager;TT;>;)V";
        String fine = "(Ljakarta/servlet/http/HttpServletRequest;Ljava/util/Map<Ljava/lang/String;Ljava/lang/Object;>;)V";
        assertTrue(GENERIC_WITH_SERVLET.matcher(broken).find());
        assertTrue(!GENERIC_WITH_SERVLET.matcher(fine).find());
    }

    private static boolean offends(Path classFile) {
        try {
            String text = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            Matcher matcher = GENERIC_WITH_SERVLET.matcher(text);
            return matcher.find();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
