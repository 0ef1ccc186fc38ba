package io.crmbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.model.ObjectType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.StringJoiner;

/** A started sandbox and real HTTP calls to it. */
final class SandboxHttp implements AutoCloseable {

    static final String TOKEN = "pat-na1-test-token";

    /** Every scope the sandbox checks, for tests of the sandbox's queries that are not about scopes. */
    static final java.util.Set<String> EVERY_SCOPE = SandboxConfig.EVERY_SCOPE;

    final HubSpotSandbox sandbox;
    final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    SandboxHttp(SandboxConfig config) {
        try {
            sandbox = HubSpotSandbox.start(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SandboxHttp() {
        this(new SandboxConfig("127.0.0.1", 0, TOKEN, 100, 0).withScopes(EVERY_SCOPE));
    }

    /** A response: status, parsed body (null when empty) and the raw response. */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Authorization", "Bearer " + TOKEN).GET().build());
    }

    Answer patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A PUT without a body, as HubSpot's default-association PUT is sent. */
    Answer put(String path) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    Answer delete(String path) {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).header("Authorization", "Bearer " + TOKEN);
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isEmpty() ? null : mapper.readTree(r.body());
            return new Answer(r.statusCode(), body, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates one contact by batch create and returns its id. */
    String createContact(String email) {
        return post("/crm/v3/objects/contacts/batch/create",
                "{\"inputs\":[{\"properties\":{\"email\":\"" + email + "\"}}]}").body().at("/results/0/id").asText();
    }

    String createCompany(String name) {
        return post("/crm/v3/objects/companies/batch/create",
                "{\"inputs\":[{\"properties\":{\"name\":\"" + name + "\"}}]}").body().at("/results/0/id").asText();
    }

    /**
     * Associates a contact with a company by the v4 PUT of one pair (on {@code paths}' version), with the
     * HUBSPOT_DEFINED {@code typeIds} (279 unlabeled, 1 primary); returns the answer.
     */
    Answer associateContactWithCompany(HubSpotPaths paths, String contact, String company, int... typeIds) {
        StringJoiner specs = new StringJoiner(",", "[", "]");
        for (int typeId : typeIds) {
            specs.add("{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":" + typeId + "}");
        }
        return put(new EmulatorPaths(paths).recordAssociations(ObjectType.CONTACTS, contact, ObjectType.COMPANIES) + "/" + company,
                specs.toString());
    }

    /** Creates one ticket in HubSpot's default pipeline, stage 1, and returns its id. */
    String createTicket(String subject) {
        return post("/crm/v3/objects/tickets", "{\"properties\":{\"subject\":\"" + subject
                + "\",\"hs_pipeline_stage\":\"1\"}}").body().path("id").asText();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
