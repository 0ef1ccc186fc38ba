package io.crmbridge.sandbox;

import java.util.List;
import java.util.Map;

/**
 * One request the sandbox received and the response it wrote, as given to a
 * {@link SandboxTrafficListener}. Bodies are the UTF-8 text on the wire, empty when there was none
 * (a 204, a GET). Header maps are keyed as the JDK HttpServer normalises names (first letter upper
 * case, e.g. {@code Authorization}, {@code Content-type}).
 *
 * @param method          HTTP method, upper case
 * @param path            raw request path, without the query string
 * @param rawQuery        raw query string without {@code ?}, null when absent
 * @param requestHeaders  request headers, unmodifiable
 * @param requestBody     request body text, empty when none
 * @param status          HTTP status written
 * @param responseHeaders response headers, unmodifiable
 * @param responseBody    response body text, empty when none
 */
public record SandboxExchange(String method, String path, String rawQuery, Map<String, List<String>> requestHeaders,
                              String requestBody, int status, Map<String, List<String>> responseHeaders,
                              String responseBody) {
}
