package io.crmbridge.sales.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.sales.scoring.RfmSegments;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every segment has its mail in the project, set in the shared layout, carrying the client's own attributes. */
class CampaignMailTest {

    @Test
    void everySegmentsMailHasASubjectItsOpeningInTheLayoutAndTheClientsRecommendations() {
        for (String segment : RfmSegments.ALL) {
            CampaignMail mail = CampaignMail.of(segment);

            assertThat(mail.subject()).as(segment).isNotBlank().doesNotContain("<");
            assertThat(mail.html()).as(segment).startsWith("<!DOCTYPE html>")
                    .contains("<title>" + mail.subject() + "</title>")
                    .contains("{{ contact.RECOMMENDATIONS }}", "{{ contact.REBUY_SUGGESTIONS }}", "{{ unsubscribe }}")
                    .doesNotContain(CampaignMail.SUBJECT, CampaignMail.CONTENT);
            assertThat(mail.text()).as(segment).doesNotContain(CampaignMail.CONTENT, "<");
        }
        CampaignRecipient r = new CampaignRecipient("C1", "a@example.com", "Marie", List.of("Pommard", "Chinon"),
                List.of("Sancerre"));
        assertThat(CampaignMail.of("loyal").textFor(r)).startsWith("Bonjour Marie,")
                .contains("Nos recommandations : Pommard; Chinon").contains("À reprendre : Sancerre");
    }
}
