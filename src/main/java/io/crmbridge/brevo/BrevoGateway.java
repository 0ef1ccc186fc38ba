package io.crmbridge.brevo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.http.HttpFailures;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Sends one Brevo API request through the {@code direct:brevo-request} route (rate budget, {@code api-key}
 * header, redelivery: routes/customer-push.yaml) and returns the parsed JSON answer, or throws a
 * {@link BrevoCallException} carrying Brevo's {@code code} and {@code message}.
 */
public class BrevoGateway {

    static final String ENDPOINT = "direct:brevo-request";

    private final ProducerTemplate template;
    private final ObjectMapper json;
    private final BrevoSettings settings;

    public BrevoGateway(ProducerTemplate template, ObjectMapper json, BrevoSettings settings) {
        this.template = template;
        this.json = json;
        this.settings = settings;
    }

    public BrevoSettings settings() {
        return settings;
    }

    /** GETs {@code path} (which starts with {@code /v3}, query string included). */
    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** POSTs {@code body} as JSON to {@code path}. */
    public JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    /**
     * The id of the first item named {@code name} in a paged Brevo collection ({@code limit}/{@code offset} pages of
     * {@code page} items in creation order, {@code sort=asc}, with the total in {@code count}), or empty.
     *
     * @param path the collection ({@code /v3/contacts/lists})
     * @param key  the array of items in each page ({@code lists})
     * @throws BrevoCallException when Brevo refuses to list
     */
    public java.util.OptionalLong findIdByName(String path, String key, String name, int page) {
        for (int offset = 0; ; offset += page) {
            JsonNode answer = get(path + "?limit=" + page + "&offset=" + offset + "&sort=asc");
            for (JsonNode item : answer.path(key)) {
                if (name.equals(item.path("name").asText())) {
                    return java.util.OptionalLong.of(item.path("id").asLong());
                }
            }
            if (answer.path(key).size() < page || offset + page >= answer.path("count").asLong(0)) {
                return java.util.OptionalLong.empty();
            }
        }
    }

    /**
     * Sends the request and waits for its final answer.
     *
     * @return the parsed body; a MissingNode when there is none (204, 201 without body)
     * @throws BrevoCallException on a non-2xx answer after redelivery or an I/O failure after the last
     *                            attempt; a 401 says which settings hold the key, never the key
     */
    public JsonNode send(String method, String path, Object body) {
        String payload = body == null ? null : toJson(body);
        Exchange result = template.send(ENDPOINT, e -> {
            e.getIn().setHeader(Exchange.HTTP_METHOD, method);
            e.getIn().setHeader(Exchange.HTTP_URI, settings.baseUrl() + path);
            e.getIn().setHeader("Accept", "application/json");
            if (payload != null) {
                e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
            }
            e.getIn().setBody(payload);
        });
        Exception failure = result.getException();
        if (failure != null) {
            throw translate(failure);
        }
        return parse(result.getMessage().getBody(String.class));
    }

    private BrevoCallException translate(Exception failure) {
        HttpOperationFailedException http = HttpFailures.cause(failure, HttpOperationFailedException.class);
        if (http != null) {
            JsonNode body = parse(http.getResponseBody());
            String code = body.path("code").asText(null);
            String message = body.path("message").asText("HTTP " + http.getStatusCode());
            if (http.getStatusCode() == 401) {
                message = "Brevo refused the API key (401 " + (code == null ? "unauthorized" : code) + ": " + message
                        + "); set brevo.api-key or " + BrevoApiKey.ENV + " to a valid API v3 key";
            }
            return new BrevoCallException(http.getStatusCode(), code, settings.apiKey().scrub(message));
        }
        IOException io = HttpFailures.cause(failure, IOException.class);
        Throwable shown = io != null ? io : failure;
        return new BrevoCallException(0, null,
                settings.apiKey().scrub(shown.getClass().getSimpleName() + ": " + shown.getMessage()));
    }

    private JsonNode parse(String text) {
        return HttpFailures.json(json, text);
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise Brevo request body", e);
        }
    }
}
