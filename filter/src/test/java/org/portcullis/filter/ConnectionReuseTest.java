package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.GuardedServers;
import org.portcullis.filter.testing.LegacyServlets;

/**
 * When Portcullis answers a request itself without reading its body (a refusal), the connection
 * must stay usable for the client's next request, or the reply must say {@code Connection: close}:
 * a client that reuses a connection the container silently drops loses its next request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionReuseTest {

    private GuardedServers servers;

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.start("/notes = note\n/notes/{id} = note", LegacyServlets.withNotes());
    }

    @AfterAll
    void stop() throws Exception {
        servers.close();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void refusalWhenBodyUnreadThenNextRequestOnTheSameConnectionIsAnswered(Container container) throws Exception {
        String half = "x".repeat(1000);
        for (String refused : new String[] {"/notes", "/api/usergroup", "/action/no/such_action"}) {
            try (Socket socket = new Socket("127.0.0.1", servers.http(container).base().getPort())) {
                socket.setSoTimeout(10_000);
                // The body arrives in two parts, as from a slower client: the container cannot
                // simply discard what is already buffered when the reply is done.
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + refused + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: " + 2 * half.length() + "\r\n\r\n" + half).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread.sleep(300);
                String first = exchange(socket, half);
                assertTrue(first.startsWith("HTTP/1.1 4"), refused + ": " + first);
                if (first.toLowerCase(Locale.ROOT).contains("\r\nconnection: close")) {
                    continue; // told to reconnect: fine too
                }
                String second = exchange(socket, "GET /whoami HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(second.startsWith("HTTP/1.1 200"), refused + " then: " + second);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void refusalWhenBodyTooLargeToDrainThenReplySaysConnectionClose(Container container) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", servers.http(container).base().getPort())) {
            socket.setSoTimeout(10_000);
            String reply = exchange(socket, "POST /action/user_account/signup HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 10000000\r\n\r\n{\"attributes\":");
            assertTrue(reply.startsWith("HTTP/1.1 413"), reply);
            assertTrue(reply.toLowerCase(Locale.ROOT).contains("\r\nconnection: close"), reply);
        }
    }

    /** Sends one request and reads one reply (headers and a Content-Length body). */
    private static String exchange(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1) + "<connection closed>";
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        assertEquals(length, in.readNBytes(length).length, "a whole body");
        return headers;
    }
}
