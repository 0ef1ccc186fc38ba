package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.sandbox.SandboxConfig;
import io.crmbridge.sandbox.SandboxFaults;
import io.crmbridge.sandbox.SandboxRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Association batches through the real routes/hubspot-delivery.yaml: HubSpot leaves them out of its 10-second
 * window (hubspot-api.md §2.1), so they go out while the client's budget is spent, and a 429 on one is still
 * redelivered (L3) without a permit.
 */
class AssociationWriterTest {

    private static final int TICKET_TO_CONTACT = 16;

    @ParameterizedTest
    @ValueSource(strings = {"v3", "2026-03", "2026-09"})
    void associationBatchesGoOutAndAreRedeliveredAfterA429WhileTheBudgetIsSpent(String apiVersion) throws Exception {
        // a fifth of the answers 429; with seed 3 the ten batches draw four 429s, none three times in a row (the
        // client's last attempt), the same every run
        SandboxConfig config = new SandboxConfig("127.0.0.1", 0, SandboxCamel.SANDBOX_TOKEN, 100, 0)
                .withFaults(SandboxFaults.none().withSeed(3).withRateLimitedRate(0.2));
        try (SandboxCamel env = new SandboxCamel(config, apiVersion, 1)) {
            List<AssociationWriter.Pair> pairs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Instant now = Instant.now();
                SandboxRecord ticket = env.sandbox.state().insertAt(ObjectType.TICKETS,
                        Map.of("subject", "Ticket " + i), now, now);
                SandboxRecord contact = env.sandbox.state().insertAt(ObjectType.CONTACTS,
                        Map.of("email", "exempt" + i + "@x.io"), now, now);
                pairs.add(new AssociationWriter.Pair(ticket.id(), contact.id()));
            }
            // another request holds the budget's only permit, and never gives it back
            env.budget.process(new DefaultExchange(env.camel));
            assertThat(env.budget.inUse()).isEqualTo(1);
            AssociationWriter writer = new AssociationWriter(env.gateway);

            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                for (AssociationWriter.Pair pair : pairs) {
                    writer.create(ObjectType.TICKETS, ObjectType.CONTACTS, TICKET_TO_CONTACT, List.of(pair), null);
                }
            });

            // a batch that waited for a permit would never end
            written.get(30, TimeUnit.SECONDS);
            String path = new HubSpotPaths(apiVersion).associations(ObjectType.TICKETS, ObjectType.CONTACTS)
                    + "/batch/create";
            List<RecordedRequest> batches = env.sandbox.state().requests().stream()
                    .filter(r -> r.path().equals(path)).toList();
            assertThat(batches).filteredOn(r -> r.status() == 429).hasSize(4);
            // 201 in v3/v4 and 2026-03, 200 in 2026-09 (hubspot-api.md §10.2)
            assertThat(batches).filteredOn(r -> r.status() / 100 == 2).hasSize(pairs.size());
            assertThat(batches).hasSize(pairs.size() + 4);
            for (AssociationWriter.Pair pair : pairs) {
                assertThat(env.sandbox.state().associatedIds(ObjectType.TICKETS, pair.fromId(), ObjectType.CONTACTS))
                        .containsExactly(pair.toId());
            }
            assertThat(env.budget.inUse()).isEqualTo(1);
        }
    }
}
