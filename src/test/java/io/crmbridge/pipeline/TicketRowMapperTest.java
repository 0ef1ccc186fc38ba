package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.RowResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketRowMapperTest {

    /** The header of the real customer_support_tickets.csv, in part. */
    private static final String HEADER = "Ticket ID,Customer Name,Customer Email,Ticket Subject,Ticket Description,"
            + "Ticket Status,Ticket Priority\n";

    @TempDir
    Path dir;

    private List<RowResult> map(String rows) throws IOException {
        return new RowMapping(dir).map(ObjectType.TICKETS, "tickets.csv", HEADER + rows);
    }

    @Test
    void ticketWithCustomerEmailYieldsItsContactOncePerFileAndLinksEveryTicket() throws IOException {
        List<RowResult> results = map(
                "1,Marisa Obrien,Carroll.Allison@acme-widgets.com,Product setup,I need help,Open,Low\n"
                + "2,Marisa Obrien,carroll.allison@acme-widgets.com,Refund,Please refund,Closed,High\n");

        RowResult first = results.get(0);
        assertThat(first.isRejected()).isFalse();
        assertThat(first.record().idProperty()).isEqualTo(PropertyMapping.KEY_PROPERTY);
        assertThat(first.record().key()).isEqualTo("1");
        assertThat(first.secondary()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(ObjectType.CONTACTS);
            assertThat(c.idProperty()).isEqualTo("email");
            assertThat(c.key()).isEqualTo("carroll.allison@acme-widgets.com");
            assertThat(c.properties()).containsEntry("firstname", "Marisa").containsEntry("lastname", "Obrien");
        });
        assertThat(first.links()).contains(
                new Link(ObjectType.TICKETS, "1", ObjectType.CONTACTS, "carroll.allison@acme-widgets.com", 16),
                new Link(ObjectType.TICKETS, "1", ObjectType.COMPANIES, "contact:carroll.allison@acme-widgets.com",
                        339),
                new Link(ObjectType.CONTACTS, "carroll.allison@acme-widgets.com", ObjectType.COMPANIES,
                        "domain:acme-widgets.com", 279));

        RowResult second = results.get(1);
        assertThat(second.secondary()).isEmpty();
        assertThat(second.links()).extracting(Link::associationTypeId).containsExactlyInAnyOrder(16, 339);
        assertThat(second.links()).allMatch(l -> l.fromKey().equals("2"));
    }

    @Test
    void ticketWithoutCustomerEmailUsesTheEmailInItsDescription() throws IOException {
        RowResult r = map("7,,,Order missing,\"Please write to Jane.Doe@acme-widgets.com, order 5521\",,\n").get(0);

        assertThat(r.isRejected()).isFalse();
        assertThat(r.secondary()).extracting(CrmRecord::key).containsExactly("jane.doe@acme-widgets.com");
        assertThat(r.links()).contains(
                new Link(ObjectType.TICKETS, "7", ObjectType.CONTACTS, "jane.doe@acme-widgets.com", 16));
    }

    @Test
    void ticketWithoutAnyEmailHasNoContactAndNoLinks() throws IOException {
        RowResult r = map("8,Someone,,Broken screen,It cracked,,\n").get(0);

        assertThat(r.isRejected()).isFalse();
        assertThat(r.secondary()).isEmpty();
        assertThat(r.links()).isEmpty();
    }

    @Test
    void ticketWithoutSubjectIsRejected() throws IOException {
        RowResult r = map("9,Someone,someone@acme-widgets.com,,No subject here,Open,Low\n").get(0);

        assertThat(r.isRejected()).isTrue();
        assertThat(r.rejection().code()).isEqualTo(ErrorCode.MISSING_REQUIRED);
        assertThat(r.rejection().message()).contains("subject");
    }

    @Test
    void mapsStatusAndPriorityByTheTicketCodes() throws IOException {
        RowResult r = map("10,A B,a@acme-widgets.com,Help,Text,Pending Customer Response,Critical\n").get(0);

        assertThat(r.record().properties())
                .containsEntry("hs_pipeline_stage", "2")
                .containsEntry("hs_ticket_priority", "URGENT")
                .containsEntry("hs_pipeline", "0");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void missingStatusGetsTheDefaultPipelineAndStage() throws IOException {
        RowResult r = map("11,A B,a@acme-widgets.com,Help,Text,,\n").get(0);

        assertThat(r.record().properties())
                .containsEntry("hs_pipeline", "0")
                .containsEntry("hs_pipeline_stage", "1")
                .containsEntry(PropertyMapping.KEY_PROPERTY, "11");
    }

    @Test
    void unknownStatusIsAnUnmappedValueWarningAndTheDefaultStage() throws IOException {
        RowResult r = map("12,A B,a@acme-widgets.com,Help,Text,Escalated to Mars,\n").get(0);

        assertThat(r.warnings()).extracting(Issue::code).containsExactly(ErrorCode.UNMAPPED_VALUE);
        assertThat(r.record().properties()).containsEntry("hs_pipeline_stage", "1");
    }

    @Test
    void sameTicketIdTwiceIsADuplicate() throws IOException {
        List<RowResult> results = map("13,A B,a@acme-widgets.com,Help,Text,,\n"
                + "13,C D,c@acme-widgets.com,Other,Text,,\n");

        assertThat(results.get(1).rejection().code()).isEqualTo(ErrorCode.DUPLICATE_IN_FILE);
        assertThat(results.get(1).rejection().message()).contains("row 1");
    }
}
