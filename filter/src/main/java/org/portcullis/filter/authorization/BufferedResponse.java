package org.portcullis.filter.authorization;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Holds a host servlet's whole reply in memory so that the after-checks see it before any byte
 * reaches the client: {@code flushBuffer()} and writes past the container's buffer cannot commit
 * it. A reply larger than the limit is cut off and marked {@link #overflowed()}; the guard then
 * refuses it rather than pass it through.
 */
final class BufferedResponse extends HttpServletResponseWrapper {

    private final int limit;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean overflowed;
    private ServletOutputStream stream;
    private PrintWriter writer;

    BufferedResponse(HttpServletResponse response, int limit) {
        super(response);
        this.limit = limit;
    }

    boolean overflowed() {
        return overflowed;
    }

    byte[] body() {
        if (writer != null) {
            writer.flush();
        }
        return body.toByteArray();
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
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
            stream = null; // getOutputStream() made it for the writer; the host may not have both
        }
        return writer;
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
        body.reset();
    }

    @Override
    public void reset() {
        super.reset();
        body.reset();
    }

    @Override
    public boolean isCommitted() {
        return super.isCommitted();
    }
}
