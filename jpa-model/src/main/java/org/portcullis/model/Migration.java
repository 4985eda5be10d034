package org.portcullis.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One version of Portcullis' schema: a class-path script named {@code V<version>__<name>.sql},
 * written for the table prefix {@code pc_}, that records itself in {@code pc_schema_version}.
 *
 * <pre>{@code
 * Migration tables = Migration.at("org/portcullis/model/ddl/h2/V1__tables.sql");
 * tables.version();              // 1
 * tables.statements("app_");     // CREATE TABLE app_user_account (...), ...
 * }</pre>
 *
 * @param version the number in the script's name
 * @param resource the script's class-path resource
 */
public record Migration(int version, String resource) {

    private static final Pattern NAME = Pattern.compile("V(\\d{1,6})__[a-z0-9_]+\\.sql");

    public Migration {
        Objects.requireNonNull(resource, "resource");
    }

    /** The migration in {@code resource}, its version taken from the file name. */
    public static Migration at(String resource) {
        Matcher name = NAME.matcher(resource.substring(resource.lastIndexOf('/') + 1));
        if (!name.matches()) {
            throw new IllegalArgumentException(resource + " is not named V<version>__<name>.sql");
        }
        return new Migration(Integer.parseInt(name.group(1)), resource);
    }

    /** The script's file name, as it is recorded in {@code pc_schema_version}. */
    public String script() {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    /**
     * The script's statements, comment lines removed, with {@code prefix} in place of every
     * {@code pc_}. The scripts hold no {@code ;} but between statements.
     */
    public List<String> statements(String prefix) {
        String safePrefix = TablePrefixCustomizer.prefixOf(prefix);
        String code = read().lines().filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        return Arrays.stream(code.split(";"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.replace("pc_", safePrefix))
                .toList();
    }

    private String read() {
        try (InputStream in = Migration.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
