package io.crmbridge.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The console and its API over HTTP as a browser or a script calls them, for the tests: the login form, and GETs
 * with a bearer token, a session cookie, both or neither. Nothing follows redirects, so a test sees the 303s.
 */
public final class ConsoleHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    /** A client of the application listening on 127.0.0.1:{@code port}. */
    public ConsoleHttp(int port) {
        this.port = port;
    }

    /** {@code POST /console/login} with {@code token} as the form field. */
    public HttpResponse<String> login(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The session cookie ({@code name=value}) a login with the right {@code token} opens. */
    public String session(String token) throws Exception {
        String setCookie = login(token).headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** {@code GET path} with an {@code Authorization} header and a {@code Cookie} header, each when not null. */
    public HttpResponse<String> get(String path, String authorization, String cookie) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), authorization, cookie);
    }

    /** Sends {@code request} with an {@code Authorization} header and a {@code Cookie} header, each when not null. */
    public HttpResponse<String> send(HttpRequest.Builder request, String authorization, String cookie) throws Exception {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code http://127.0.0.1:port/path}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
