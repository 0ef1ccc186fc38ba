package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.model.ObjectType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxFaultsTest {

    private static SandboxHttp sandbox(SandboxFaults faults) {
        return new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 0).withFaults(faults));
    }

    private static SandboxHttp.Answer createContact(SandboxHttp http, int n) {
        return http.post("/crm/v3/objects/contacts/batch/create",
                "{\"inputs\":[{\"properties\":{\"email\":\"c" + n + "@x.io\"}}]}");
    }

    /** The status of each of {@code count} creates, -1 for a dropped connection. */
    private static List<Integer> statuses(SandboxHttp http, int count) {
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                seen.add(createContact(http, i).status());
            } catch (UncheckedIOException e) {
                seen.add(-1);
            }
        }
        return seen;
    }

    @Test
    void answersServerErrorsOfAllFourKindsAtRateOneAndWritesNothing() {
        try (SandboxHttp http = sandbox(SandboxFaults.none().withServerErrorRate(1.0))) {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                SandboxHttp.Answer a = createContact(http, i);
                seen.add(a.status());
                assertThat(a.body().path("status").asText()).isEqualTo("error");
                assertThat(a.body().path("category").asText()).isNotBlank();
                assertThat(a.body().path("correlationId").asText()).isEqualTo(a.header("X-HubSpot-Correlation-Id"));
            }
            assertThat(seen).containsExactlyInAnyOrder(500, 502, 503, 504);
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isZero();
        }
    }

    @Test
    void answers423LockedAtLockedRateOne() {
        try (SandboxHttp http = sandbox(SandboxFaults.none().withLockedRate(1.0))) {
            SandboxHttp.Answer a = createContact(http, 1);
            assertThat(a.status()).isEqualTo(423);
            assertThat(a.body().path("category").asText()).isEqualTo("LOCKED");
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isZero();
        }
    }

    @Test
    void answers429TenSecondlyWithoutRetryAfterAtRateLimitedRateOne() {
        try (SandboxHttp http = new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 190)
                .withFaults(SandboxFaults.none().withRateLimitedRate(1.0)))) {
            SandboxHttp.Answer a = http.get("/crm/v3/objects/contacts");
            assertThat(a.status()).isEqualTo(429);
            assertThat(a.body().path("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
            assertThat(a.body().path("errorType").asText()).isEqualTo("RATE_LIMIT");
            assertThat(a.header("Retry-After")).isNull();
            assertThat(a.header("X-HubSpot-RateLimit-Remaining")).isEqualTo("0");
        }
    }

    @Test
    void answers429WithTheConfiguredRetryAfterAtRetryAfterRateOne() {
        try (SandboxHttp http = sandbox(SandboxFaults.none().withRetryAfter(1.0, 7))) {
            SandboxHttp.Answer a = createContact(http, 1);
            assertThat(a.status()).isEqualTo(429);
            assertThat(a.header("Retry-After")).isEqualTo("7");
            assertThat(a.body().path("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isZero();
        }
    }

    @Test
    void dropsTheConnectionWithoutAnAnswerAtDropRateOneAndWritesNothing() {
        try (SandboxHttp http = sandbox(SandboxFaults.none().withDropRate(1.0))) {
            assertThatThrownBy(() -> createContact(http, 1))
                    .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isZero();
            assertThat(http.sandbox.state().requests())
                    .containsExactly(new RecordedRequest("POST", "/crm/v3/objects/contacts/batch/create", 0, 1));
        }
    }

    @Test
    void neverFaultsTheAuthenticationCheck() {
        try (SandboxHttp http = sandbox(SandboxFaults.none().withDropRate(0.5).withServerErrorRate(0.5))) {
            for (int i = 0; i < 10; i++) {
                SandboxHttp.Answer a = http.send(HttpRequest.newBuilder(
                        URI.create(http.sandbox.baseUrl() + "/crm/v3/objects/contacts/batch/create"))
                        .header("Authorization", "Bearer wrong").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
                assertThat(a.status()).isEqualTo(401);
            }
        }
    }

    @Test
    void injectsAboutTheConfiguredShareOfFaultsAndHandlesTheRest() {
        try (SandboxHttp http = sandbox(SandboxFaults.none().withSeed(42).withServerErrorRate(0.3))) {
            List<Integer> seen = statuses(http, 200);
            long faulted = seen.stream().filter(s -> s >= 500).count();
            assertThat(faulted).isBetween(40L, 80L);
            assertThat(seen.stream().filter(s -> s == 201).count()).isEqualTo(200 - faulted);
            assertThat(http.sandbox.state().count(ObjectType.CONTACTS)).isEqualTo(200 - faulted);
        }
    }

    @Test
    void replaysTheSameFaultSequenceForTheSameSeed() {
        SandboxFaults mixed = SandboxFaults.none().withSeed(7).withServerErrorRate(0.1).withLockedRate(0.1)
                .withRateLimitedRate(0.1).withRetryAfter(0.05, 1).withDropRate(0.05);
        List<Integer> first;
        List<Integer> second;
        List<Integer> otherSeed;
        try (SandboxHttp http = sandbox(mixed)) {
            first = statuses(http, 80);
        }
        try (SandboxHttp http = sandbox(mixed)) {
            second = statuses(http, 80);
        }
        try (SandboxHttp http = sandbox(mixed.withSeed(8))) {
            otherSeed = statuses(http, 80);
        }
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first).contains(201, 423, 429, -1).anyMatch(s -> s >= 500);
    }

    @Test
    void addsTheConfiguredFixedLatencyToEachCall() {
        try (SandboxHttp http = sandbox(SandboxFaults.none().withLatency(120, 120))) {
            long start = System.nanoTime();
            SandboxHttp.Answer a = http.get("/crm/v3/objects/contacts");
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(a.status()).isEqualTo(200);
            assertThat(elapsedMs).isGreaterThanOrEqualTo(120);
        }
    }
}
