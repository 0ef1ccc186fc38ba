package io.crmbridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboxNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"contacts.csv", "contacts with spaces ünïcødé 日本語.csv", "contacts..dots..csv",
            "contacts-\u2215..\u2215..\uff0fescape.csv"})
    void keepsNamesThatAreAlreadySafe(String name) {
        assertThat(OutboxNames.of(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "..\\..\\escape.csv", "..", ".", ".hidden.csv", "a/b.csv",
            "nul\0byte.csv", "con<>:\"|?*.csv", "/absolute.csv"})
    void neverLeavesTheFolderItIsResolvedIn(String name) {
        String safe = OutboxNames.of(name);
        Path dir = Path.of("outbox", "reports").toAbsolutePath();

        assertThat(safe).doesNotContain("/", "\\", "\0").doesNotStartWith(".");
        assertThat(dir.resolve(safe + "-run1.json").normalize().getParent()).isEqualTo(dir);
    }

    @Test
    void replacesSeparatorsAndALeadingDot() {
        assertThat(OutboxNames.of("../a\\b.csv")).isEqualTo("_._a_b.csv");
    }

    @Test
    void shortensLongNamesToAFixedByteLengthKeepingTheExtensionAndTellingThemApart() {
        String a = "contacts-" + "é".repeat(200) + "-a.csv";
        String b = "contacts-" + "é".repeat(200) + "-b.csv";

        String safeA = OutboxNames.of(a);
        String safeB = OutboxNames.of(b);

        assertThat(safeA.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(OutboxNames.MAX_BYTES);
        assertThat(safeA).startsWith("contacts-é").endsWith(".csv").matches(".*~[0-9a-f]{8}\\.csv");
        assertThat(safeA).isNotEqualTo(safeB);
        assertThat(OutboxNames.of(a)).as("stable").isEqualTo(safeA);
    }

    @Test
    void neverCutsACharacterInTwo() {
        String emoji = "contacts-" + "\uD83D\uDE80".repeat(100) + ".csv";

        String safe = OutboxNames.of(emoji);

        // a surrogate left alone does not survive the trip through UTF-8
        assertThat(new String(safe.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(safe);
        assertThat(safe).startsWith("contacts-\uD83D\uDE80").endsWith(".csv");
    }

    @Test
    void refusesAnEmptyName() {
        assertThatThrownBy(() -> OutboxNames.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
