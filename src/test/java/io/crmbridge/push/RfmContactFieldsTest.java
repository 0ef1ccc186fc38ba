package io.crmbridge.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.hubspot.PropertySpec;
import io.crmbridge.sales.scoring.RfmSegments;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RfmContactFieldsTest {

    /** Every segment {@link RfmSegments#of} names for some scores R, F, M (each 1 to 5). */
    private static Set<String> segmentsTheScorerCanProduce() {
        Set<String> produced = new LinkedHashSet<>();
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    produced.add(RfmSegments.of(r, f, m));
                }
            }
        }
        return produced;
    }

    @Test
    void theSegmentPropertyOffersEverySegmentTheScorerProducesAndNothingElse() {
        PropertySpec segment = RfmContactFields.hubspotProperties().stream()
                .filter(p -> p.name().equals("crm_bridge_rfm_segment")).findFirst().orElseThrow();

        assertThat(segment.propertyType()).isEqualTo("enumeration");
        assertThat(segment.options()).containsExactlyInAnyOrderElementsOf(segmentsTheScorerCanProduce())
                .doesNotHaveDuplicates();
        // in the order of the scorer's rules, as the report lists them
        assertThat(segment.options()).containsExactlyElementsOf(RfmSegments.ALL);
    }
}
