package io.crmbridge.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DateNormalizerTest {

    private static final String AUG_26_2020 = "1598400000000";
    private static final String MAR_22_2021 = "1616371200000";
    private static final String DEC_31_2020 = "1609372800000";
    private static final String MAR_2_2020 = "1583107200000";
    private static final String FEB_3_2020 = "1580688000000";

    @Test
    void readsDashDateDayFirst() {
        assertThat(new DateNormalizer(DateOrder.MDY).normalize("26-08-2020")).isEqualTo(ValueCheck.ok(AUG_26_2020));
    }

    @Test
    void readsDotDateDayFirst() {
        assertThat(new DateNormalizer(DateOrder.MDY).normalize("26.08.2020")).isEqualTo(ValueCheck.ok(AUG_26_2020));
    }

    @Test
    void readsIsoDate() {
        assertThat(new DateNormalizer(DateOrder.DMY).normalize("2021-03-22")).isEqualTo(ValueCheck.ok(MAR_22_2021));
    }

    @Test
    void readsIsoDateTimeAsItsCalendarDate() {
        DateNormalizer dates = new DateNormalizer(DateOrder.DMY);
        assertThat(dates.normalize("2021-03-22 12:15:36")).isEqualTo(ValueCheck.ok(MAR_22_2021));
        assertThat(dates.normalize("2021-03-22T23:59:59Z")).isEqualTo(ValueCheck.ok(MAR_22_2021));
        assertThat(dates.normalize("2021-03-22T23:59:59.123+02:00")).isEqualTo(ValueCheck.ok(MAR_22_2021));
    }

    @Test
    void slashDateWithFirstPartOver12ProvesDayFirst() {
        DateNormalizer dates = new DateNormalizer(DateOrder.MDY);
        assertThat(dates.normalize("31/12/2020")).isEqualTo(ValueCheck.ok(DEC_31_2020));
        assertThat(dates.detectedOrder()).contains(DateOrder.DMY);
    }

    @Test
    void slashDateWithSecondPartOver12ProvesMonthFirst() {
        DateNormalizer dates = new DateNormalizer(DateOrder.DMY);
        assertThat(dates.normalize("12/31/2020")).isEqualTo(ValueCheck.ok(DEC_31_2020));
        assertThat(dates.detectedOrder()).contains(DateOrder.MDY);
    }

    @Test
    void ambiguousDateFollowsTheOrderTheFileProved() {
        DateNormalizer dates = new DateNormalizer(DateOrder.MDY);
        dates.normalize("31/12/2020");
        assertThat(dates.normalize("02/03/2020")).isEqualTo(ValueCheck.ok(MAR_2_2020));
    }

    @Test
    void ambiguousDateUsesDefaultOrderUntilTheFileProvesOne() {
        DateNormalizer dates = new DateNormalizer(DateOrder.MDY);
        assertThat(dates.normalize("02/03/2020")).isEqualTo(ValueCheck.ok(FEB_3_2020));
        assertThat(dates.detectedOrder()).isEmpty();
    }

    @Test
    void unambiguousDateIsReadInItsOnlyOrderEvenAgainstTheFilesProof() {
        DateNormalizer dates = new DateNormalizer(DateOrder.DMY);
        dates.normalize("31/12/2020");
        assertThat(dates.normalize("12/31/2020")).isEqualTo(ValueCheck.ok(DEC_31_2020));
        assertThat(dates.detectedOrder()).contains(DateOrder.DMY);
    }

    @Test
    void rejectsImpossibleCalendarDate() {
        DateNormalizer dates = new DateNormalizer(DateOrder.DMY);
        assertThat(dates.normalize("31/02/2020").problem()).isEqualTo("no such calendar date");
        assertThat(dates.normalize("2021-02-29").problem()).isEqualTo("no such calendar date");
        assertThat(dates.normalize("13/13/2020").problem()).isEqualTo("no such calendar date");
    }

    @Test
    void rejectsUnrecognisedText() {
        DateNormalizer dates = new DateNormalizer(DateOrder.DMY);
        assertThat(dates.normalize("next Tuesday").problem()).isEqualTo("unrecognised date format");
        assertThat(dates.normalize("2021-03-22 or later").problem()).isEqualTo("unrecognised date format");
        assertThat(dates.normalize("").problem()).isEqualTo("empty");
    }
}
