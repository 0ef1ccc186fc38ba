package io.crmbridge.sales.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.sales.CustomerProfile;
import io.crmbridge.validation.EmailValidator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each guardrail of {@link CampaignGuardrails} on its own, with its reason. */
class CampaignGuardrailsTest {

    private final CampaignGuardrails rules = new CampaignGuardrails(new EmailValidator(), Set.of("lost"),
            Set.of("Chinon Rouge"), 1);

    private static CustomerProfile client(String code, String email, String segment, List<String> recs,
                                          List<String> rebuy) {
        return new CustomerProfile(code, email, "Marie", "Durand", null, null, null, null, segment, 5, 5, 5,
                LocalDate.of(2026, 11, 2), 10, 6, new BigDecimal("420.00"), 0.5, recs, rebuy);
    }

    @Test
    void leavesOutEachClientWithItsReasonAndRemovesBoughtAndWithdrawnProducts() {
        List<CustomerProfile> clients = List.of(
                client("C1", "ok@example.com", "champions", List.of("Pommard", "chinon rouge ", "Meursault"),
                        List.of("Chinon Rouge", "Sancerre")),
                client("C2", "no-at.example.com", "champions", List.of("Pommard"), List.of()),
                client("C3", null, "champions", List.of("Pommard"), List.of()),
                client("C4", "gone@example.com", "champions", List.of("Pommard"), List.of()),
                client("C5", "twice@example.com", "champions", List.of("Pommard"), List.of()),
                client("C6", "only-withdrawn@example.com", "champions", List.of("Chinon Rouge"), List.of()));

        SegmentPlan plan = rules.plan("champions", "2026-12", clients, Map.of("C1", Set.of("meursault")),
                Map.of("C5", 1), Set.of("gone@example.com"), Map.of("moved@example.com", "C9"));

        assertThat(plan.recipients()).singleElement().satisfies(r -> {
            assertThat(r.clientCode()).isEqualTo("C1");
            assertThat(r.recommendations()).containsExactly("Pommard");
            assertThat(r.rebuy()).containsExactly("Sancerre");
        });
        assertThat(plan.exclusions()).extracting(CampaignExclusion::clientCode, CampaignExclusion::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("C1", ExclusionReason.PRODUCT_WITHDRAWN),
                        org.assertj.core.groups.Tuple.tuple("C1", ExclusionReason.PRODUCT_ALREADY_BOUGHT),
                        org.assertj.core.groups.Tuple.tuple("C1", ExclusionReason.PRODUCT_WITHDRAWN),
                        org.assertj.core.groups.Tuple.tuple("C2", ExclusionReason.NO_VALID_EMAIL),
                        org.assertj.core.groups.Tuple.tuple("C3", ExclusionReason.NO_VALID_EMAIL),
                        org.assertj.core.groups.Tuple.tuple("C4", ExclusionReason.BLACKLISTED),
                        org.assertj.core.groups.Tuple.tuple("C5", ExclusionReason.MAIL_CAP_REACHED),
                        org.assertj.core.groups.Tuple.tuple("C6", ExclusionReason.PRODUCT_WITHDRAWN),
                        org.assertj.core.groups.Tuple.tuple("C6", ExclusionReason.NOTHING_TO_RECOMMEND),
                        org.assertj.core.groups.Tuple.tuple("C9", ExclusionReason.SEGMENT_CHANGED));
        assertThat(plan.excludedClients()).isEqualTo(6);
    }

    @Test
    void aSegmentNeverMailedLeavesEveryClientOut() {
        SegmentPlan plan = rules.plan("lost", "2026-12", List.of(client("C1", "ok@example.com", "lost",
                List.of("Pommard"), List.of())), Map.of(), Map.of(), Set.of(), Map.of("x@example.com", "C2"));

        assertThat(plan.mailed()).isFalse();
        assertThat(plan.recipients()).isEmpty();
        assertThat(plan.exclusions()).extracting(CampaignExclusion::reason)
                .containsExactly(ExclusionReason.SEGMENT_NEVER_MAILED);
    }
}
