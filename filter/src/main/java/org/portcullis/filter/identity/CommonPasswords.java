package org.portcullis.filter.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The most used passwords (ASVS 6.2.4), refused for new accounts whatever their case: {@code Password1}
 * is as guessable as {@code password1}. The list ships in the jar as
 * {@code org/portcullis/filter/identity/common-passwords.txt} (one per line; its README says where it
 * comes from) and is read the first time it is asked, then kept.
 */
public final class CommonPasswords {

    static final String RESOURCE = "common-passwords.txt";

    private volatile Set<String> list;

    /** Whether {@code password}, in any case, is on the list. */
    public boolean contains(String password) {
        return list().contains(password.toLowerCase(Locale.ROOT));
    }

    /** How many distinct passwords (in lower case) the list holds. */
    int size() {
        return list().size();
    }

    private Set<String> list() {
        Set<String> loaded = list;
        if (loaded == null) {
            synchronized (this) {
                if (list == null) {
                    list = load();
                }
                loaded = list;
            }
        }
        return loaded;
    }

    private static Set<String> load() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Set<String> passwords = new HashSet<>(32_768);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    passwords.add(line.toLowerCase(Locale.ROOT));
                }
            }
            return Set.copyOf(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
