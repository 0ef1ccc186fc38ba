package io.crmbridge.console.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.api.ApiRefusal;
import org.junit.jupiter.api.Test;

class UploadNameTest {

    @Test
    void keepsAPlainCsvNameAndMakesOtherCharactersSafeAsADroppedFile() {
        assertThat(UploadName.of("contacts 2024 é.csv")).isEqualTo("contacts 2024 é.csv");
        assertThat(UploadName.of("Contacts.CSV")).isEqualTo("Contacts.CSV");
        assertThat(UploadName.of("<img src=x>contacts.csv")).isEqualTo("_img src=x_contacts.csv");
        assertThat(UploadName.of(".hidden.csv")).isEqualTo("_hidden.csv");
        assertThat(UploadName.of("a\tb.csv")).isEqualTo("a_b.csv");
    }

    @Test
    void refusesPathsOtherExtensionsAndNoName() {
        for (String name : new String[] {"../x.csv", "a/b.csv", "a\\b.csv", "..csv", "x..csv"}) {
            assertThatThrownBy(() -> UploadName.of(name)).as(name).isInstanceOf(ApiRefusal.class)
                    .hasMessageContaining("not a path");
        }
        for (String name : new String[] {"x.txt", "x.csv.gz", ".csv"}) {
            assertThatThrownBy(() -> UploadName.of(name)).as(name).isInstanceOf(ApiRefusal.class)
                    .hasMessageContaining(".csv");
        }
        assertThatThrownBy(() -> UploadName.of(" ")).isInstanceOf(ApiRefusal.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> UploadName.of(null)).isInstanceOf(ApiRefusal.class)
                .extracting(e -> ((ApiRefusal) e).status()).isEqualTo(400);
    }
}
