package io.crmbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The daily usage read (accountInfo.json, hubspot-api.md §10.4) served from the sandbox's own daily count. */
class SandboxDailyUsageTest {

    @Test
    void countsEveryRequestOfTheDayThisReadIncludedAndResetsAtMidnightInThePortalsZone() {
        ZoneId zone = ZoneId.of("America/New_York");
        try (SandboxHttp http = new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 0)
                .withDailyLimit(500).withZone(zone))) {
            http.get("/crm/v3/objects/contacts");
            http.get("/crm/v3/objects/contacts");
            for (String version : new String[] {"v3", "2026-03", "2026-09"}) {
                SandboxHttp.Answer a = http.get("/account-info/" + version + "/api-usage/daily/private-apps");
                assertThat(a.status()).as(version).isEqualTo(200);
            }
            JsonNode usage = http.get("/account-info/2026-09/api-usage/daily/private-apps").body().at("/results/0");

            assertThat(usage.path("usageLimit").asLong()).isEqualTo(500);
            assertThat(usage.path("currentUsage").asLong()).isEqualTo(6);
            assertThat(usage.path("fetchStatus").asText()).isEqualTo("SUCCESS");
            Instant midnight = LocalDate.now(zone).plusDays(1).atStartOfDay(zone).toInstant();
            assertThat(Instant.parse(usage.path("resetsAt").asText())).isEqualTo(midnight);
            assertThat(Instant.parse(usage.path("collectedAt").asText())).isBefore(midnight);
        }
    }

    @Test
    void saysNotFoundWhenItKeepsNoDailyCount() {
        try (SandboxHttp http = new SandboxHttp(new SandboxConfig("127.0.0.1", 0, SandboxHttp.TOKEN, 100, 0)
                .withDailyLimit(0))) {
            JsonNode usage = http.get("/account-info/2026-03/api-usage/daily/private-apps").body().at("/results/0");
            assertThat(usage.path("fetchStatus").asText()).isEqualTo("NOTFOUND");
        }
    }
}
