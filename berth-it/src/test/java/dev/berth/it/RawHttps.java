package dev.berth.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;

/**
 * An HTTP/1.1 client written by hand over a TLS socket, for what {@code java.net.http} will not send: a
 * {@code Host} header without the port, a WebSocket upgrade, half a request, or nothing at all.
 */
final class RawHttps implements AutoCloseable {
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;

    private RawHttps(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
    }

    /** A TLS connection to the server's HTTPS port, handshake done. */
    static RawHttps connect(BerthTestServer berth) throws IOException {
        SSLSocket socket = (SSLSocket) berth.deviceSslContext().getSocketFactory().createSocket("localhost", berth.httpsPort());
        socket.startHandshake();
        return new RawHttps(socket);
    }

    /** A plain TCP connection to the HTTPS port that never starts TLS. */
    static RawHttps connectWithoutTls(BerthTestServer berth) throws IOException {
        return new RawHttps(new Socket("localhost", berth.httpsPort()));
    }

    void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    void sendBytes(byte... bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Exactly {@code count} bytes, failing if the server closes the connection first. */
    byte[] readBytes(int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new IOException("the server closed the connection after " + bytes.length + " of " + count + " bytes");
        }
        return bytes;
    }

    Response exchange(String request) throws IOException {
        send(request);
        return read();
    }

    /** Reads one response: status line, headers, and a body of Content-Length bytes. */
    Response read() throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection after " + head.size() + " bytes of a response");
            }
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return new String(bytes, 0, n - 4, StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** True when the server closes the connection within the time (reads until end of stream or reset). */
    boolean closedByServerWithin(Duration time) throws IOException {
        socket.setSoTimeout((int) time.toMillis());
        try {
            while (in.read() >= 0) {
                // discard whatever the server says before closing
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
