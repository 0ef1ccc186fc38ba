package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.PostgresPools;
import io.crmbridge.hubspot.DailyUsage;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daily requests the files in flight on every instance still claim (DailyBudgetClaims), on a real PostgreSQL:
 * another instance's file counts with what it has not sent yet, until it is done or its instance dies.
 */
class DailyBudgetClaimsTest {

    private static final DailyUsage LEFT_150 = DailyUsage.known(1_000, 850, Instant.parse("2026-12-06T00:00:00Z"));

    private final List<DailyBudgetClaims> instances = new ArrayList<>();
    private PostgresPools database;

    @BeforeEach
    void migrateADatabaseOfItsOwn() {
        database = PostgresPools.migrated("claims");
    }

    @AfterEach
    void close() {
        instances.forEach(DailyBudgetClaims::stop);
        database.close();
    }

    /** An instance refreshing its claims every 100 ms, whose claims lapse after 1 s without a refresh. */
    private DailyBudgetClaims instance() {
        DailyBudgetClaims claims = new DailyBudgetClaims(database.newPool(2), 100, 1_000);
        claims.start();
        instances.add(claims);
        return claims;
    }

    private static ImportReport report(String file) {
        return new ImportReport(file, ObjectType.CONTACTS, "UTF-8", ",", false, Instant.now());
    }

    /** The check of a file of {@code estimate} requests in mode wait, with 150 requests left today. */
    private static DailyBudgetClaims.Claimed check(DailyBudgetClaims claims, String file, long estimate) {
        return claims.claim(file, estimate, report(file), others -> DailyBudgetCheck.decide(LEFT_150,
                estimate + others, DailyBudgetCheck.Mode.WAIT, false));
    }

    @Test
    void anotherInstancesFileInFlightCountsWithWhatItHasNotSentYet() {
        DailyBudgetClaims first = instance();
        DailyBudgetClaims second = instance();
        ImportReport running = report("a.csv");
        DailyBudgetClaims.Claimed a = first.claim("a.csv", 100, running, others -> DailyBudgetCheck.decide(
                LEFT_150, 100 + others, DailyBudgetCheck.Mode.WAIT, false));

        DailyBudgetClaims.Claimed b = check(second, "b.csv", 80);

        assertThat(a.decision()).isEqualTo(DailyBudgetCheck.Decision.GO);
        assertThat(a.others()).isZero();
        // 150 left, 100 of them claimed by a.csv: 80 more do not fit, b.csv waits and claims nothing
        assertThat(b.others()).isEqualTo(100);
        assertThat(b.decision()).isEqualTo(DailyBudgetCheck.Decision.WAIT);
        assertThat(b.claimId()).isNull();

        // a.csv sends 40 of its requests (HubSpot counts them; its claim shrinks at the next refresh)
        for (int i = 0; i < 40; i++) {
            running.request();
        }
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> check(second, "probe.csv", 0).others() == 60);
        first.release(a.claimId());

        DailyBudgetClaims.Claimed again = check(second, "b.csv", 80);
        assertThat(again.others()).isZero();
        assertThat(again.decision()).isEqualTo(DailyBudgetCheck.Decision.GO);
    }

    @Test
    void aDeadInstancesClaimLapsesAfterTheDeadAfterTime() {
        DailyBudgetClaims dying = instance();
        DailyBudgetClaims living = instance();
        check(dying, "a.csv", 120);
        dying.stop();

        assertThat(check(living, "probe.csv", 0).others()).isEqualTo(120);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> check(living, "probe.csv", 0).others() == 0);
    }
}
