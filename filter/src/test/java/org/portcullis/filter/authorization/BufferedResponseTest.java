package org.portcullis.filter.authorization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The guarded reply held back for the after-checks: nothing escapes early, nothing past the limit passes. */
class BufferedResponseTest {

    private static BufferedResponse buffered(String encoding, int limit) {
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getCharacterEncoding()).thenReturn(encoding);
        return new BufferedResponse(response, limit);
    }

    @Test
    void textThroughTheWriterIsEncodedInTheReplysCharset() {
        BufferedResponse reply = buffered("UTF-8", 64);
        PrintWriter writer = reply.getWriter();
        writer.write("[{\"id\":1,\"text\":\"caf\u00e9 \u20ac\"}");
        writer.print(']');
        writer.flush();
        assertArrayEquals("[{\"id\":1,\"text\":\"caf\u00e9 \u20ac\"}]".getBytes(StandardCharsets.UTF_8), reply.body());
        assertFalse(reply.overflowed());
    }

    @Test
    void withoutACharsetTheWriterWritesIso88591() {
        BufferedResponse reply = buffered(null, 64);
        reply.getWriter().write("na\u00efve");
        assertArrayEquals("na\u00efve".getBytes(StandardCharsets.ISO_8859_1), reply.body());
    }

    @Test
    void flushingNeverCommitsTheHeldReply() throws IOException {
        HttpServletResponse response = mock(HttpServletResponse.class);
        BufferedResponse reply = new BufferedResponse(response, 64);
        reply.getWriter().write("secret");
        reply.getWriter().flush();
        reply.flushBuffer();
        verify(response, never()).flushBuffer();
        verify(response, never()).getWriter();
    }

    @Test
    void moreCharactersThanTheLimitOverflow() {
        BufferedResponse reply = buffered("UTF-8", 8);
        PrintWriter writer = reply.getWriter();
        writer.write("12345678");
        assertFalse(writer.checkError());
        writer.write("9");
        assertTrue(writer.checkError(), "the host's write fails");
        reply.body();
        assertTrue(reply.overflowed());
    }

    @Test
    void fewCharactersButMoreBytesThanTheLimitOverflow() {
        BufferedResponse reply = buffered("UTF-8", 8);
        reply.getWriter().write("\u20ac\u20ac\u20ac"); // 3 characters, 9 bytes
        reply.body();
        assertTrue(reply.overflowed());
    }

    @Test
    void moreBytesThanTheLimitThroughTheStreamOverflow() throws IOException {
        BufferedResponse reply = buffered(null, 4);
        reply.getOutputStream().write(new byte[] {1, 2, 3, 4});
        assertThrows(IOException.class, () -> reply.getOutputStream().write(5));
        reply.body();
        assertTrue(reply.overflowed());
    }

    @Test
    void resetBufferForgetsWhatWasWritten() throws IOException {
        BufferedResponse text = buffered("UTF-8", 16);
        text.getWriter().write("first");
        text.resetBuffer();
        text.getWriter().write("second");
        assertArrayEquals("second".getBytes(StandardCharsets.UTF_8), text.body());

        BufferedResponse bytes = buffered(null, 16);
        bytes.getOutputStream().write(new byte[] {1, 2});
        bytes.resetBuffer();
        bytes.getOutputStream().write(3);
        assertArrayEquals(new byte[] {3}, bytes.body());
    }

    @Test
    void aReplyIsEitherTextOrBytesNotBoth() {
        BufferedResponse text = buffered("UTF-8", 16);
        text.getWriter();
        assertThrows(IllegalStateException.class, text::getOutputStream);
        BufferedResponse bytes = buffered("UTF-8", 16);
        bytes.getOutputStream();
        assertThrows(IllegalStateException.class, bytes::getWriter);
    }
}
