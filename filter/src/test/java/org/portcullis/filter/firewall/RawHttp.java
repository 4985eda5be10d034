package org.portcullis.filter.firewall;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Sends one request exactly as written, byte for byte, for spellings an HTTP client library would
 * refuse or normalise ({@code /..;/}, {@code %2e}, a raw backslash). Answers status and body.
 */
record RawHttp(int status, String body) {

    static RawHttp send(URI base, String method, String target, String... headerLines) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                    .append("Connection: close\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String reply = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            int space = reply.indexOf(' ');
            int status = Integer.parseInt(reply.substring(space + 1, space + 4));
            int bodyAt = reply.indexOf("\r\n\r\n");
            return new RawHttp(status, bodyAt < 0 ? "" : reply.substring(bodyAt + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }
}
