package org.portcullis.filter.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RecentPaths} answers exactly as the route table does, from memory or not: checked against a
 * fresh resolution for every one of many generated paths that come back in random order, share slots
 * and include every spelling the canonical path refuses.
 */
class RecentPathsTest {

    private static final RouteTable ROUTES = RouteTable.parse("""
            /notes             = note
            /notes/{id}        = note
            /notes/{id}/export = note:execute
            /files/{id:slug}   = file
            /admin/**          = admin_console
            """);

    /** What the route table itself says, or the refusal's class. */
    private static Object fresh(String path) {
        try {
            return ROUTES.resolve(CanonicalPath.of(path));
        } catch (RejectedPathException e) {
            return RejectedPathException.class;
        }
    }

    private static Object remembered(RecentPaths paths, String path) {
        try {
            return paths.resolve(path);
        } catch (RejectedPathException e) {
            return RejectedPathException.class;
        }
    }

    /** The slot {@link RecentPaths} gives a path. */
    private static int slot(String path) {
        int hash = path.hashCode();
        return (hash ^ hash >>> 16) & (RecentPaths.SLOTS - 1);
    }

    @Test
    void resolveWhenManyPathsComeAgainInAnyOrderThenEachAnswerIsTheRouteTables() {
        String[] segments = {"notes", "NOTES", "notes ", "files", "admin", "1", "01", "007", "a-b", "A_b", "x", "",
                ".", "..", "1;v=2", ";", "%2e", "%", "\\", "\t", "ｎotes", "．．", "export", "EXPORT"};
        Random random = new Random(20261201);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder path = new StringBuilder();
            for (int n = random.nextInt(4); n >= 0; n--) {
                path.append('/').append(segments[random.nextInt(segments.length)]);
            }
            pool.add(path.toString());
        }
        RecentPaths paths = new RecentPaths(ROUTES);
        for (int i = 0; i < 30_000; i++) {
            String path = new String(pool.get(random.nextInt(pool.size()))); // equal characters, another object
            assertEquals(fresh(path), remembered(paths, path), path);
        }
    }

    @Test
    void resolveWhenTwoPathsOfOneLengthShareASlotThenEachGetsItsOwnAnswer() {
        String first = "/files/aaaa";
        String second = null;
        String letters = "abcdefghijklmnopqrstuvwxyz";
        for (int i = 1; second == null; i++) { // another slug of four letters on the same slot
            String slug = "" + letters.charAt(i / 17576 % 26) + letters.charAt(i / 676 % 26)
                    + letters.charAt(i / 26 % 26) + letters.charAt(i % 26);
            if (slot("/files/" + slug) == slot(first)) {
                second = "/files/" + slug;
            }
        }
        RecentPaths paths = new RecentPaths(ROUTES);
        for (int i = 0; i < 3; i++) {
            assertEquals("aaaa", instanceId(paths.resolve(first)));
            assertEquals(second.substring("/files/".length()), instanceId(paths.resolve(second)));
        }
    }

    private static String instanceId(Resolution resolution) {
        return assertInstanceOf(Resolution.Matched.class, resolution).match().instanceId().orElseThrow();
    }

    @Test
    void resolveWhenARefusedPathComesAgainThenRefusedAgain() {
        RecentPaths paths = new RecentPaths(ROUTES);
        for (int i = 0; i < 3; i++) {
            assertThrows(RejectedPathException.class, () -> paths.resolve("/notes/../.."));
            assertThrows(RejectedPathException.class, () -> paths.resolve("/notes/%2e"));
        }
    }

    @Test
    void resolveWhenAShortPathComesAgainThenAnsweredFromMemoryAndALongOneNot() {
        RecentPaths paths = new RecentPaths(ROUTES);
        Resolution first = paths.resolve("/notes/1");
        assertSame(first, paths.resolve(new String("/notes/1")), "the same answer object: from memory");

        String tooLong = "/files/" + "a".repeat(RecentPaths.LONGEST); // and too long a slug: refused
        Resolution longOne = paths.resolve(tooLong);
        assertEquals(Resolution.Refused.Cause.INVALID_ID, assertInstanceOf(Resolution.Refused.class, longOne).cause());
        assertNotSame(longOne, paths.resolve(tooLong), "longer than LONGEST: resolved anew each time");
        assertEquals(longOne, paths.resolve(tooLong));
    }
}
