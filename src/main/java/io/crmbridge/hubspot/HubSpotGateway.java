package io.crmbridge.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.http.HttpFailures;
import io.crmbridge.report.ImportReport;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Sends one HubSpot API request through the {@code direct:hubspot-request} route (rate budget,
 * bearer header, redelivery: routes/hubspot-delivery.yaml), telling the route whether HubSpot counts it in
 * its 10-second window ({@link #TEN_SECONDLY_EXEMPT_PROPERTY}), and turns the answer into a
 * {@link HubSpotResponse} or a {@link HubSpotCallException}. Requests and retries are counted on
 * the {@link ImportReport} passed in, when there is one, and each request's last attempt is told to the
 * {@link HubSpotTraffic} with the rate-limit headers of its answer (its retried attempts are told by
 * {@link HubSpotRetryPolicy}).
 */
public class HubSpotGateway {

    /** Exchange property carrying the ImportReport that counts requests, retries and 429s. */
    public static final String REPORT_PROPERTY = "crmBridgeReport";
    /**
     * Exchange property: true when HubSpot leaves the request out of its 10-second window
     * ({@link HubSpotRateLimitExemptions}); read by {@link HubSpotRequestBudget} and {@link HubSpotRateSteering}.
     */
    public static final String TEN_SECONDLY_EXEMPT_PROPERTY = "crmBridgeTenSecondlyExempt";
    static final String ENDPOINT = "direct:hubspot-request";

    private final ProducerTemplate template;
    private final ObjectMapper json;
    private final HubSpotSettings settings;
    private final HubSpotTraffic traffic;

    public HubSpotGateway(ProducerTemplate template, ObjectMapper json, HubSpotSettings settings) {
        this(template, json, settings, HubSpotTraffic.NONE);
    }

    /** @param traffic told the final status of every request sent */
    public HubSpotGateway(ProducerTemplate template, ObjectMapper json, HubSpotSettings settings,
                          HubSpotTraffic traffic) {
        this.template = template;
        this.json = json;
        this.settings = settings;
        this.traffic = traffic;
    }

    public HubSpotSettings settings() {
        return settings;
    }

    /** POSTs {@code body} as JSON to {@code path} (which starts with '/'). */
    public HubSpotResponse post(String path, Object body, ImportReport report) {
        return send("POST", path, body, report);
    }

    /** GETs {@code path} (query string included). */
    public HubSpotResponse get(String path, ImportReport report) {
        return send("GET", path, null, report);
    }

    /**
     * Sends the request and waits for its final answer.
     *
     * @throws HubSpotCallException on a non-2xx answer after redelivery, or an I/O failure after the
     *                              last attempt; its message is HubSpot's message
     */
    public HubSpotResponse send(String method, String path, Object body, ImportReport report) {
        String payload = body == null ? null : toJson(body);
        boolean exempt = HubSpotRateLimitExemptions.isTenSecondlyExempt(method, path);
        if (report != null) {
            report.request();
        }
        Exchange result = template.send(ENDPOINT, e -> {
            e.getIn().setHeader(Exchange.HTTP_METHOD, method);
            e.getIn().setHeader(Exchange.HTTP_URI, settings.baseUrl() + path);
            if (payload != null) {
                e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
            }
            e.getIn().setBody(payload);
            e.setProperty(TEN_SECONDLY_EXEMPT_PROPERTY, exempt);
            if (report != null) {
                e.setProperty(REPORT_PROPERTY, report);
            }
        });
        String kind = HubSpotRequestKind.of(method, path);
        Exception failure = result.getException();
        if (failure != null) {
            HttpOperationFailedException http = find(failure, HttpOperationFailedException.class);
            tellRateLimits(http == null ? null : http.getResponseHeaders());
            HubSpotCallException refused = translate(failure);
            traffic.answered(kind, refused.status());
            throw refused;
        }
        tellRateLimits(result.getMessage().getHeaders());
        int status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        traffic.answered(kind, status);
        String text = result.getMessage().getBody(String.class);
        return new HubSpotResponse(status, parse(text));
    }

    private void tellRateLimits(java.util.Map<String, ?> headers) {
        HubSpotRateLimitHeaders limits = HubSpotRateLimitHeaders.of(headers);
        if (!limits.isEmpty()) {
            traffic.rateLimits(limits);
        }
    }

    private HubSpotCallException translate(Exception failure) {
        HttpOperationFailedException http = find(failure, HttpOperationFailedException.class);
        if (http != null) {
            JsonNode body = parse(http.getResponseBody());
            String message = body.path("message").asText("HTTP " + http.getStatusCode()) + missingScopes(body);
            String category = body.path("category").isMissingNode() ? body.path("errorType").asText(null)
                    : body.path("category").asText();
            return new HubSpotCallException(http.getStatusCode(), category, settings.token().scrub(message));
        }
        IOException io = find(failure, IOException.class);
        String what = io != null ? io.getClass().getSimpleName() + ": " + io.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return new HubSpotCallException(0, null, settings.token().scrub(what));
    }

    /**
     * " (missing scopes: a, b)" from a 403 MISSING_SCOPES body, which names them under
     * {@code errors[].context.requiredGranularScopes} or, in older bodies, {@code requiredScopes}
     * (hubspot-api.md §5); empty for any other body.
     */
    public static String missingScopes(JsonNode body) {
        java.util.Set<String> scopes = new java.util.LinkedHashSet<>();
        for (JsonNode error : body.path("errors")) {
            for (String key : new String[] {"requiredGranularScopes", "requiredScopes"}) {
                error.path("context").path(key).forEach(scope -> scopes.add(scope.asText()));
            }
        }
        return scopes.isEmpty() ? "" : " (missing scopes: " + String.join(", ", scopes) + ")";
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        return HttpFailures.cause(t, type);
    }

    private JsonNode parse(String text) {
        return HttpFailures.json(json, text);
    }

    private String toJson(Object body) {
        try {
            return body instanceof String s ? s : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise HubSpot request body", e);
        }
    }
}
