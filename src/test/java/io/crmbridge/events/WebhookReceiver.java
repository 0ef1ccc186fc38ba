package io.crmbridge.events;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on a loopback port (the JDK's HTTP server): it answers each POST with the next status of its
 * script, then with its default status, and records every request it got, headers and exact body bytes, with the
 * status it answered. Its behaviour is data the test gives: {@link #answer}.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received, and the status it was answered. */
    record Received(Map<String, List<String>> headers, byte[] body, int status) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int otherwise = 200;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/hooks/crm-bridge", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Integer next = receiver.script.poll();
            int status = next == null ? receiver.otherwise : next;
            receiver.received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    /** The statuses of the next requests, in order, then {@code otherwise} for every later one. */
    void answer(List<Integer> first, int otherwise) {
        script.clear();
        script.addAll(first);
        this.otherwise = otherwise;
    }

    /** Forgets what was received. */
    void clear() {
        received.clear();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/crm-bridge?channel=ops";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
