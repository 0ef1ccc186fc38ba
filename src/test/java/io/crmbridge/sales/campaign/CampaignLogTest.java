package io.crmbridge.sales.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.LedgerDatabases;
import io.crmbridge.config.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The campaign log (migration V16) on H2 and on PostgreSQL ({@link io.crmbridge.PostgresServer}): of claimants of
 * the same segment and period racing, exactly one gets it; a failed campaign is claimed again once; the mail cap
 * counts only the recipients of scheduled campaigns of the period.
 */
class CampaignLogTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void oneClaimantOfRacingOnesGetsASegmentsPeriodAndAFailedOneIsTakenAgainOnce(String kind) throws Exception {
        Properties settings = "h2".equals(kind) ? LedgerDatabases.h2("campaigns") : LedgerDatabases.postgres("campaigns");
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setInitialProperties(settings);
            Database database = Database.open(camel.getPropertiesComponent(), true);
            database.start();
            try {
                CampaignLog log = new CampaignLog(database.dataSource());
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Callable<Optional<Long>>> racers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    racers.add(() -> log.claim("champions", "2026-12", NOW));
                }
                List<Long> winners = new ArrayList<>();
                for (Future<Optional<Long>> f : pool.invokeAll(racers)) {
                    f.get().ifPresent(winners::add);
                }
                pool.shutdown();
                assertThat(winners).hasSize(1);
                long id = winners.get(0);

                SegmentPlan plan = new SegmentPlan("champions", "2026-12", true,
                        List.of(new CampaignRecipient("C1", "a@example.com", "Ann", List.of("Pommard", "Chinon"),
                                List.of())),
                        List.of(new CampaignExclusion("C2", "b@example.com", ExclusionReason.BLACKLISTED, null)));
                log.recordPlan(id, plan);
                log.failed(id, plan, "Brevo: sender is invalid", NOW);
                assertThat(log.mailsIn("2026-12")).isEmpty();
                assertThat(log.claim("champions", "2026-12", NOW)).contains(id);
                assertThat(log.claim("champions", "2026-12", NOW)).isEmpty();
                assertThat(log.recipients(id)).isEmpty();

                log.recordPlan(id, plan);
                log.scheduled(id, 7, 8, null, 9, NOW.plusSeconds(3600), plan, NOW);
                assertThat(log.mailsIn("2026-12")).containsExactly(java.util.Map.entry("C1", 1));
                assertThat(log.mailsIn("2026-11")).isEmpty();
                CampaignEntry entry = log.campaign(id).orElseThrow();
                assertThat(entry.status()).isEqualTo(CampaignLog.SCHEDULED);
                assertThat(entry.brevoCampaignId()).isEqualTo(9L);
                assertThat(entry.exclusionListId()).isNull();
                assertThat(entry.byReason()).containsExactly(java.util.Map.entry("blacklisted", 1L));
                assertThat(log.recipients(id)).singleElement()
                        .satisfies(r -> assertThat(r.recommendations()).containsExactly("Pommard", "Chinon"));
                assertThat(log.claim("loyal", "2026-12", NOW)).isPresent();
            } finally {
                database.stop();
            }
        }
    }
}
