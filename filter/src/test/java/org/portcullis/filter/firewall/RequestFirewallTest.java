package org.portcullis.filter.firewall;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portcullis.filter.routing.RejectedPathException;

class RequestFirewallTest {

    private final RequestFirewall strict = new RequestFirewall(false, false);
    private final RequestFirewall lenient = new RequestFirewall(true, true);

    @ParameterizedTest
    @ValueSource(strings = {"/x/..;/notes", "/x/.;/notes", "/a/%2e%2e/b", "/a/%2E/b", "/a%2fb", "/a%2Fb", "/a%5cb",
            "/a%5Cb", "/a%25", "/a%252fb", "/a/..;jsessionid=1/b"})
    void requestUriWhenSmugglingThenRejectedEverywhere(String uri) {
        assertThrows(RejectedPathException.class, () -> strict.checkRequestUri(uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/notes/1", "/whoami;jsessionid=1", "/caf%C3%A9", "/a.b/c", "/a/b.json", "/%41"})
    void requestUriWhenPlainThenAllowed(String uri) {
        assertDoesNotThrow(() -> strict.checkRequestUri(uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/notes/1;x=y", "/notes//1", "/notes/./1", "/notes/x/../1", "/notes/1/.", "/notes/1/.."})
    void guardedRequestUriWhenNotNormalisedThenRejected(String uri) {
        assertThrows(RejectedPathException.class, () -> strict.checkGuarded(uri, "/notes/1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/notes/1;x", "/notes/1\\", "/notes/1\t", "/notes/1\u0000", "/notes/1\u007f",
            "/notes/1\u2028", "/notes/1\u2029", "/notes//1", "/notes/./1", "/notes/../1", "/notes/.", "/notes/\u00e9",
            "/notes/\uff11"})
    void guardedDecodedPathWhenNotPlainThenRejected(String decoded) {
        assertThrows(RejectedPathException.class, () -> strict.checkGuarded(null, decoded));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/notes", "/notes/", "/notes/1", "/notes/1/export", "/notes/a.b"})
    void guardedDecodedPathWhenPlainThenAllowed(String decoded) {
        assertDoesNotThrow(() -> strict.checkGuarded(decoded.isEmpty() ? "/" : decoded, decoded));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/notes/\u00e9", "/notes/\u65e5\u672c"})
    void nonAsciiWhenAllowedThenPasses(String decoded) {
        assertDoesNotThrow(() -> lenient.checkGuarded(null, decoded));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%2fb", "/a%2Fb"})
    void encodedSlashWhenAllowedThenPassesButTheOtherEncodingsStillDoNot(String uri) {
        assertDoesNotThrow(() -> lenient.checkRequestUri(uri));
        assertThrows(RejectedPathException.class, () -> lenient.checkRequestUri(uri + "%2e"));
        assertThrows(RejectedPathException.class, () -> lenient.checkRequestUri(uri + "%25"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/notes/1\u2028", "/notes/1\t", "/notes//1"})
    void nonAsciiAllowedWhenOnThenTheOtherDecodedRulesStillHold(String decoded) {
        assertThrows(RejectedPathException.class, () -> lenient.checkGuarded(null, decoded));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.", "/..", "/./", "/../", "//", "/a//", "//a", "/a/./", "/a/../", "/a/.", "/a/..", ".", "..",
            "./a", "../a", "a//b"})
    void guardedDecodedPathWhenADotOrEmptySegmentStandsAnywhereThenRejected(String decoded) {
        assertThrows(RejectedPathException.class, () -> strict.checkGuarded(null, decoded));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.a", "/a.", "/...", "/a/.b/c", "/..a", "/a..", "a", "a/", "/a/b/"})
    void guardedDecodedPathWhenDotsAreOnlyPartOfASegmentThenAllowed(String decoded) {
        assertDoesNotThrow(() -> strict.checkGuarded(null, decoded));
    }

    /** The segment rule as it was first written (split on '/'), to compare the in-place scan with. */
    private static boolean segmentsPlainBySplit(String path) {
        if (path.isEmpty()) {
            return true;
        }
        String[] segments = path.substring(path.charAt(0) == '/' ? 1 : 0).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals(".") || segments[i].equals("..") || segments[i].isEmpty() && i < segments.length - 1) {
                return false;
            }
        }
        return true;
    }

    @Test
    void guardedDecodedPathWhenGeneratedFromSlashesDotsAndLettersThenTheScanAgreesWithSplitting() {
        Random random = new Random(20261201);
        char[] alphabet = {'/', '/', '.', '.', 'a', 'b'};
        for (int n = 0; n < 50_000; n++) {
            char[] path = new char[random.nextInt(9)];
            for (int i = 0; i < path.length; i++) {
                path[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String decoded = new String(path);
            boolean passed;
            try {
                strict.checkGuarded(null, decoded);
                passed = true;
            } catch (RejectedPathException e) {
                passed = false;
            }
            assertEquals(segmentsPlainBySplit(decoded), passed, decoded);
        }
    }
}
