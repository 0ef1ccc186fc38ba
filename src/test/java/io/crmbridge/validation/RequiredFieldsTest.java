package io.crmbridge.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.model.ObjectType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequiredFieldsTest {

    private final RequiredFields contacts = RequiredFields.of(ObjectType.CONTACTS);
    private final RequiredFields companies = RequiredFields.of(ObjectType.COMPANIES);
    private final RequiredFields tickets = RequiredFields.of(ObjectType.TICKETS);

    @Test
    void aContactRowNeedsAnEmailOrBothNames() {
        assertThat(contacts.metBy(Set.of("email")::contains)).isTrue();
        assertThat(contacts.metBy(Set.of("firstname", "lastname")::contains)).isTrue();
        assertThat(contacts.metBy(Set.of("firstname", "company")::contains)).isFalse();
        assertThat(contacts.metBy(Set.of("fullname")::contains)).as("a full name is split before the check").isFalse();
    }

    @Test
    void contactColumnsCanFeedTheNamesThroughAFullNameColumn() {
        assertThat(contacts.columnAlternatives())
                .containsExactly(List.of("email"), List.of("firstname", "lastname"), List.of("fullname"));
        assertThat(contacts.satisfiableBy(Set.of("fullname", "phone"))).isTrue();
        assertThat(contacts.satisfiableBy(Set.of("lastname", "phone"))).isFalse();
        assertThat(contacts.satisfiableBy(Set.of())).isFalse();
    }

    @Test
    void aCompanyNeedsANameOrAWebsite() {
        assertThat(companies.satisfiableBy(Set.of("website"))).isTrue();
        assertThat(companies.satisfiableBy(Set.of("name", "city"))).isTrue();
        assertThat(companies.satisfiableBy(Set.of("city", "industry"))).isFalse();
    }

    @Test
    void aTicketNeedsASubjectEvenWithItsSourceId() {
        assertThat(tickets.satisfiableBy(Set.of("ticket_id", "content"))).isFalse();
        assertThat(tickets.satisfiableBy(Set.of("subject"))).isTrue();
    }

    @Test
    void describesTheRuleAsARejectedRowNamesIt() {
        assertThat(contacts.description()).isEqualTo("email, or first name and last name");
        assertThat(companies.description()).isEqualTo("name or website");
        assertThat(tickets.description()).isEqualTo("subject");
    }
}
