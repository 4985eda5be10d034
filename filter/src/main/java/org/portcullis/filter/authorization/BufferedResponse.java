package org.portcullis.filter.authorization;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Holds a host servlet's whole reply in memory so that the after-checks see it before any byte
 * reaches the client: {@code flushBuffer()} and writes past the container's buffer cannot commit
 * it. A reply larger than the limit is cut off and marked {@link #overflowed()}; the guard then
 * refuses it rather than pass it through.
 *
 * <p>What the host writes through {@link #getWriter()} is kept as text and encoded once, when the
 * guard asks for the {@link #body()}: no encoder and its buffer per reply.
 */
final class BufferedResponse extends HttpServletResponseWrapper {

    /** Room for a small reply without growing. */
    private static final int INITIAL_SIZE = 1024;

    private final int limit;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(INITIAL_SIZE);
    private boolean overflowed;
    private ServletOutputStream stream;
    private PrintWriter writer;
    private StringBuilder text; // what went through the writer
    private Charset charset; // the writer's

    BufferedResponse(HttpServletResponse response, int limit) {
        super(response);
        this.limit = limit;
    }

    /** Whether the reply went past the limit; ask after {@link #body()}. */
    boolean overflowed() {
        return overflowed;
    }

    /** The reply as the client would get it. */
    byte[] body() {
        if (text == null) {
            return body.toByteArray();
        }
        byte[] encoded = text.toString().getBytes(charset);
        overflowed |= encoded.length > limit;
        return encoded;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was called already");
        }
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    if (body.size() + length > limit) {
                        overflowed = true;
                        throw new IOException("reply larger than the " + limit + " bytes Portcullis may buffer");
                    }
                    body.write(bytes, offset, length);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("asynchronous writes are not supported on guarded replies");
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() was called already");
            }
            String encoding = getCharacterEncoding();
            charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            text = new StringBuilder(INITIAL_SIZE);
            writer = new PrintWriter(new TextWriter());
        }
        return writer;
    }

    /**
     * Keeps what the host writes as text. A character is at least one byte in every charset a
     * servlet may use, so more characters than the limit are more bytes than it too.
     */
    private final class TextWriter extends Writer {
        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            room(length);
            text.append(chars, offset, length);
        }

        @Override
        public void write(String string, int offset, int length) throws IOException {
            room(length);
            text.append(string, offset, offset + length);
        }

        @Override
        public void write(int c) throws IOException {
            room(1);
            text.append((char) c);
        }

        private void room(int length) throws IOException {
            if (text.length() + length > limit) {
                overflowed = true;
                throw new IOException("reply larger than the " + limit + " bytes Portcullis may buffer");
            }
        }

        @Override
        public void flush() {
            // Nothing leaves before the checks.
        }

        @Override
        public void close() {
            // idem
        }
    }

    @Override
    public void flushBuffer() {
        // Deliberately nothing: committing now would let an unchecked reply out.
    }

    @Override
    public void setContentLength(int length) {
        // The length is set when the checked reply is written.
    }

    @Override
    public void setContentLengthLong(long length) {
        // idem
    }

    @Override
    public void setBufferSize(int size) {
        // The buffer is ours.
    }

    @Override
    public void resetBuffer() {
        clear();
    }

    @Override
    public void reset() {
        super.reset();
        clear();
    }

    private void clear() {
        body.reset();
        if (text != null) {
            text.setLength(0);
        }
    }

    @Override
    public boolean isCommitted() {
        return super.isCommitted();
    }
}
