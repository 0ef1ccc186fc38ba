package io.crmbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.crmbridge.model.ObjectType;

class HeaderAliasesTest {

    private final HeaderAliases aliases = HeaderAliases.loadDefault();

    @TempDir
    Path dir;

    @Test
    void matchesEmailSpellingsIgnoringCaseSpacesAndPunctuation() {
        for (String header : new String[] {"Email", "E-mail", "e mail", "EMAIL", "Email Address", "Courriel",
                "Adresse e-mail", " email_address "}) {
            assertThat(aliases.fieldFor(ObjectType.CONTACTS, header)).as(header).contains("email");
        }
    }

    @Test
    void matchesAccentedAndUnaccentedFrenchHeaders() {
        assertThat(aliases.fieldFor(ObjectType.CONTACTS, "Téléphone")).contains("phone");
        assertThat(aliases.fieldFor(ObjectType.CONTACTS, "TELEPHONE")).contains("phone");
        assertThat(aliases.fieldFor(ObjectType.CONTACTS, "Tél.")).contains("phone");
        assertThat(aliases.fieldFor(ObjectType.CONTACTS, "prenom")).contains("firstname");
        assertThat(aliases.fieldFor(ObjectType.COMPANIES, "Societe")).contains("name");
        assertThat(aliases.fieldFor(ObjectType.COMPANIES, "Salariés")).contains("numberofemployees");
    }

    @Test
    void sameHeaderFeedsDifferentFieldsPerObjectType() {
        assertThat(aliases.fieldFor(ObjectType.CONTACTS, "Name")).contains("fullname");
        assertThat(aliases.fieldFor(ObjectType.COMPANIES, "Name")).contains("name");
        assertThat(aliases.fieldFor(ObjectType.TICKETS, "Email")).contains("customer_email");
        assertThat(aliases.fieldFor(ObjectType.TICKETS, "Description")).contains("content");
        assertThat(aliases.fieldFor(ObjectType.COMPANIES, "Description")).contains("description");
    }

    @Test
    void fieldNameItselfIsAnAlias() {
        assertThat(aliases.fieldFor(ObjectType.CONTACTS, "mobilephone")).contains("mobilephone");
        assertThat(aliases.fieldFor(ObjectType.TICKETS, "ticket_id")).contains("ticket_id");
    }

    @Test
    void unknownOrBlankHeaderHasNoField() {
        assertThat(aliases.fieldFor(ObjectType.CONTACTS, "Customer Age")).isEmpty();
        assertThat(aliases.fieldFor(ObjectType.CONTACTS, "")).isEmpty();
        assertThat(aliases.fieldFor(ObjectType.CONTACTS, " - ")).isEmpty();
        assertThat(aliases.fieldFor(ObjectType.CONTACTS, null)).isEmpty();
    }

    @Test
    void loadsUserFileAndOverridesOnlyTheFieldsItLists() throws IOException {
        Path file = dir.resolve("aliases.properties");
        Files.writeString(file, "# mine\ncontacts.email = Adresse électronique, Mél\n", StandardCharsets.UTF_8);

        HeaderAliases user = HeaderAliases.load(file);
        HeaderAliases merged = aliases.overriddenBy(user);

        assertThat(user.fieldFor(ObjectType.CONTACTS, "Adresse electronique")).contains("email");
        assertThat(user.fieldFor(ObjectType.CONTACTS, "First Name")).isEmpty();
        assertThat(merged.fieldFor(ObjectType.CONTACTS, "Mel")).contains("email");
        assertThat(merged.fieldFor(ObjectType.CONTACTS, "Courriel")).isEmpty();
        assertThat(merged.fieldFor(ObjectType.CONTACTS, "First Name")).contains("firstname");
    }

    @Test
    void refusesAnAliasThatMatchesTwoFieldsOfOneObject() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "contacts.phone = Phone\ncontacts.mobilephone = PHONE\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> HeaderAliases.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mobilephone")
                .hasMessageContaining("phone");
    }

    @Test
    void refusesAKeyWithoutAKnownObject() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "deals.amount = Amount\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> HeaderAliases.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deals.amount");
    }
}
