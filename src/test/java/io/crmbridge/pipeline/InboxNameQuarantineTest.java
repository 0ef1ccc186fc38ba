package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboxNameQuarantineTest {

    @Test
    void refusesABackslashAndNamesTooLongForTheReadLocksMarkerFile() {
        assertThat(InboxNameQuarantine.whyNotTaken("contacts-..\\..\\x.csv")).hasValueSatisfying(
                r -> assertThat(r).contains("backslash"));
        assertThat(InboxNameQuarantine.whyNotTaken("c".repeat(246))).hasValueSatisfying(
                r -> assertThat(r).contains("246 bytes long"));
        // 82 three-byte characters: 246 bytes in 82 characters
        assertThat(InboxNameQuarantine.whyNotTaken("日".repeat(82))).isPresent();
    }

    @Test
    void takesEveryOtherName() {
        assertThat(InboxNameQuarantine.whyNotTaken("c".repeat(InboxNameQuarantine.MAX_NAME_BYTES))).isEmpty();
        assertThat(InboxNameQuarantine.whyNotTaken("contacts ..∕／ 日本語.csv")).isEmpty();
    }
}
