package io.crmbridge.sales.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LedgerValuesTest {

    @Test
    void readsFrenchDatesStrictly() {
        assertThat(LedgerValues.date("27/12/2025")).isEqualTo(LocalDate.of(2025, 12, 27));
        assertThat(LedgerValues.date("1/2/2025")).isEqualTo(LocalDate.of(2025, 2, 1));
        assertThat(LedgerValues.date("2025-02-01")).isEqualTo(LocalDate.of(2025, 2, 1));
        assertThatThrownBy(() -> LedgerValues.date("31/02/2025")).hasMessageContaining("not a valid dd/MM/yyyy date");
        assertThatThrownBy(() -> LedgerValues.date("12/27/2025")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsPostalCodesAsTextWithTheirLeadingZero() {
        assertThat(LedgerValues.postalCode("06000", "France")).isEqualTo("06000");
        assertThat(LedgerValues.postalCode("6000", "France")).isEqualTo("06000");
        assertThat(LedgerValues.postalCode("6000", null)).isEqualTo("06000");
        assertThat(LedgerValues.postalCode("1000", "Belgique")).isEqualTo("1000");
        assertThat(LedgerValues.postalCode(" 75 011 ", "France")).isEqualTo("75011");
        assertThat(LedgerValues.postalCode("  ", "France")).isNull();
    }

    @Test
    void trimsLabelsAndKeysProductsWhateverTheirSpacingOrCase() {
        assertThat(LedgerValues.label("  Crémant   Alsace\u00A0Extra Brut ")).isEqualTo("Crémant Alsace Extra Brut");
        assertThat(LedgerValues.productKey("  CÔTE-RÔTIE LA  LANDONNE ")).isEqualTo(LedgerValues.productKey("Côte-Rôtie La Landonne"));
        assertThat(LedgerValues.label("   ")).isNull();
    }
}
