package dev.berth.it.device;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP CONNECT proxy for tests, on a free loopback port: answers {@code CONNECT host:port} with
 * {@code 200 Connection established} and pipes bytes both ways. Optionally demands one
 * {@code Proxy-Authorization} value and answers 407 otherwise. Records every CONNECT it saw.
 */
final class HttpConnectProxy implements AutoCloseable {

    /** One CONNECT request: its target and the Proxy-Authorization header it carried (or null). */
    record Connect(String target, String proxyAuthorization, boolean allowed) {
    }

    private final ServerSocket server;
    private final String requiredAuthorization;
    private final List<Connect> connects = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    HttpConnectProxy(String requiredAuthorization) throws IOException {
        this.requiredAuthorization = requiredAuthorization;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("proxy-accept", this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    List<Connect> connects() {
        return List.copyOf(connects);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                daemon("proxy-connection", () -> handle(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            client.setSoTimeout(10_000);
            String[] head = readHead(client.getInputStream()).split("\r\n");
            String[] requestLine = head[0].split(" ");
            String authorization = null;
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                if (colon > 0 && head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("proxy-authorization")) {
                    authorization = head[i].substring(colon + 1).strip();
                }
            }
            OutputStream toClient = client.getOutputStream();
            boolean allowed = requestLine.length == 3 && requestLine[0].equals("CONNECT")
                    && (requiredAuthorization == null || requiredAuthorization.equals(authorization));
            connects.add(new Connect(requestLine.length > 1 ? requestLine[1] : head[0], authorization, allowed));
            if (!allowed) {
                toClient.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"berth-test\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                toClient.flush();
                return;
            }
            String target = requestLine[1];
            int colon = target.lastIndexOf(':');
            try (Socket upstream = new Socket(target.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(target.substring(colon + 1)))) {
                sockets.add(upstream);
                client.setSoTimeout(0);
                toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                toClient.flush();
                Thread back = daemon("proxy-pipe-back", () -> pipe(upstream, client));
                pipe(client, upstream);
                back.join(5_000);
            }
        } catch (IOException | RuntimeException e) {
            // a broken test connection ends that connection only
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads up to the blank line, byte by byte, so no tunnelled byte is swallowed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && head.size() < 8192) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return new String(bytes, 0, n - 4, StandardCharsets.US_ASCII);
            }
        }
        throw new IOException("no complete request head");
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // either side went away
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
