package io.crmbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.model.ObjectType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequiredColumnsCheckTest {

    private final HeaderAliases aliases = HeaderAliases.loadDefault();
    private final RequiredColumnsCheck check = new RequiredColumnsCheck(aliases);

    private java.util.Optional<String> problem(ObjectType type, String... header) {
        return check.problem(ColumnMapping.of(type, List.of(header), aliases));
    }

    @Test
    void refusesAContactsHeaderWithoutEmailOrNameColumnsNamingFoundAndNeeded() {
        assertThat(problem(ObjectType.CONTACTS, "Foo", "Bar", "Baz")).hasValue(
                "the header has no column for the contacts' required fields: found [Foo, Bar, Baz]; needed"
                        + " a column for email (Email, E-mail, Email Address, Courriel ...), or columns for"
                        + " firstname (First Name, Firstname, Given Name, Prénom) and lastname (Last Name, Lastname,"
                        + " Surname, Family Name ...), or a column for fullname (Name, Full Name, Nom complet,"
                        + " Contact Name)");
    }

    @Test
    void refusesAContactsHeaderWithOnlyOneOfTheTwoNames() {
        assertThat(problem(ObjectType.CONTACTS, "First Name", "Phone", "Company")).isPresent();
    }

    @Test
    void acceptsAnyColumnsThatCanFeedTheRequiredFields() {
        assertThat(problem(ObjectType.CONTACTS, "E-mail")).isEmpty();
        assertThat(problem(ObjectType.CONTACTS, "Prénom", "Nom", "Phone")).isEmpty();
        assertThat(problem(ObjectType.CONTACTS, "Full Name", "Phone")).isEmpty();
        assertThat(problem(ObjectType.COMPANIES, "Domain", "City")).isEmpty();
        assertThat(problem(ObjectType.TICKETS, "Ticket Subject")).isEmpty();
    }

    @Test
    void refusesATicketsHeaderWithAnIdButNoSubject() {
        assertThat(problem(ObjectType.TICKETS, "Ticket ID", "Ticket Description")).hasValueSatisfying(p -> assertThat(p)
                .startsWith("the header has no column for the tickets' required fields: found [Ticket ID,"
                        + " Ticket Description]; needed a column for subject (Ticket Subject, Subject, Sujet, Objet)"));
    }

    @Test
    void cutsAVeryWideHeaderInTheMessage() {
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            header.add("col" + i);
        }

        String problem = check.problem(ColumnMapping.of(ObjectType.COMPANIES, header, aliases)).orElseThrow();

        assertThat(problem).contains("col20, ... 500 columns in all]").doesNotContain("col21");
    }
}
