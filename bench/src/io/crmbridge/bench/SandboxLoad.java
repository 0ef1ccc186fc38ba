package io.crmbridge.bench;

import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.SandboxConfig;
import io.crmbridge.sandbox.SandboxFaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sandbox headroom: starts the embedded sandbox alone with its rate and daily
 * limits off and drives it from {@code threads} client threads, each sending batch upserts of 100
 * new contacts ({@code POST /crm/objects/2026-09/contacts/batch/upsert}, the request an import sends) back
 * to back. After a warm-up it counts answered requests for {@code seconds} and prints
 * {@code requests=<n> ok=<2xx> seconds=<s>}. Client and server share the machine's cores, so the
 * figure is a lower bound of what the sandbox sustains.
 */
final class SandboxLoad {

    private SandboxLoad() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int warmUpSeconds = Integer.parseInt(args[2]);
        String token = "bench-token";
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(new SandboxConfig("127.0.0.1", 0, token, 100, 0, null, 0,
                SandboxFaults.none()))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create(sandbox.baseUrl()
                    + new HubSpotPaths(HubSpotPaths.DEFAULT_VERSION).objects(ObjectType.CONTACTS) + "/batch/upsert");
            AtomicLong nextContact = new AtomicLong();
            AtomicLong requests = new AtomicLong();
            AtomicLong ok = new AtomicLong();
            long warmUpEnd = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
            long end = warmUpEnd + seconds * 1_000_000_000L;
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(batch(nextContact, 100))).build();
                        try {
                            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                            if (System.nanoTime() > warmUpEnd) {
                                requests.incrementAndGet();
                                if (response.statusCode() / 100 == 2) {
                                    ok.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            if (System.nanoTime() > warmUpEnd) {
                                requests.incrementAndGet();
                            }
                        }
                    }
                }, "load-" + t);
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            System.out.println("requests=" + requests.get() + " ok=" + ok.get() + " seconds=" + seconds);
        }
    }

    /** A batch upsert body of {@code size} new contacts keyed by e-mail, shaped like crm-bridge's. */
    private static String batch(AtomicLong next, int size) {
        StringBuilder body = new StringBuilder("{\"inputs\":[");
        for (int i = 0; i < size; i++) {
            long n = next.incrementAndGet();
            String email = "load." + n + "@bench-example.org";
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"idProperty\":\"email\",\"id\":\"").append(email).append("\",\"properties\":{")
                    .append("\"email\":\"").append(email).append("\",\"firstname\":\"Load\",\"lastname\":\"Contact ")
                    .append(n).append("\",\"phone\":\"+14155550123\",\"company\":\"Bench Company\",")
                    .append("\"city\":\"Oslo\",\"country\":\"Norway\"}}");
        }
        return body.append("]}").toString();
    }
}
