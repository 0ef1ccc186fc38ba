package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DailyUsageReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DailyUsage parse(String body) throws Exception {
        return DailyUsageReader.parse(JSON.readTree(body));
    }

    @Test
    void readsTheCountOfTheDocumentedAnswer() throws Exception {
        DailyUsage u = parse("{\"results\":[{\"collectedAt\":\"2026-04-10T06:46:40.789Z\",\"currentUsage\":1200,"
                + "\"fetchStatus\":\"SUCCESS\",\"name\":\"private-apps-api-calls-daily\","
                + "\"resetsAt\":\"2026-04-11T04:00:00Z\",\"usageLimit\":250000}]}");
        assertThat(u.isKnown()).isTrue();
        assertThat(u.usageLimit()).isEqualTo(250_000);
        assertThat(u.currentUsage()).isEqualTo(1_200);
        assertThat(u.remaining()).contains(248_800L);
        assertThat(u.resetsAt()).isEqualTo(Instant.parse("2026-04-11T04:00:00Z"));
    }

    @Test
    void takesTheTightestOfSeveralLimitsAndACachedCount() throws Exception {
        DailyUsage u = parse("{\"results\":[{\"name\":\"a\",\"usageLimit\":1000,\"currentUsage\":10,"
                + "\"collectedAt\":\"2026-04-10T06:00:00Z\",\"fetchStatus\":\"SUCCESS\"},"
                + "{\"name\":\"b\",\"usageLimit\":500,\"currentUsage\":450,\"collectedAt\":\"2026-04-10T06:00:00Z\","
                + "\"fetchStatus\":\"CACHED\",\"resetsAt\":\"2026-04-11T00:00:00+02:00\"}]}");
        assertThat(u.remaining()).contains(50L);
        assertThat(u.resetsAt()).isEqualTo(Instant.parse("2026-04-10T22:00:00Z"));
    }

    @Test
    void aCountHubSpotCouldNotMakeIsUnknown() throws Exception {
        DailyUsage u = parse("{\"results\":[{\"name\":\"a\",\"usageLimit\":0,\"currentUsage\":0,"
                + "\"collectedAt\":\"2026-04-10T06:00:00Z\",\"fetchStatus\":\"TIMEOUT\"}]}");
        assertThat(u.isKnown()).isFalse();
        assertThat(u.unknownReason()).contains("TIMEOUT");
        assertThat(parse("{\"results\":[]}").unknownReason()).isEqualTo("HubSpot listed no daily limit");
    }
}
