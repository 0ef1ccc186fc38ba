package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.hubspot.PortalProperty;
import io.crmbridge.hubspot.PortalSchema;
import io.crmbridge.hubspot.PropertyValidations;
import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.RowResult;
import io.crmbridge.report.ImportReport;
import io.crmbridge.validation.PropertyValidationRule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preflight against a hand-built portal schema: rows mapped by the real rules ({@link RowMapping}),
 * the file's schema given in advance, so no HubSpot request is made (the gateway and ensurer are
 * never reached and passed as null).
 */
class PreflightTest {

    private static final String TICKETS = "Ticket ID,Customer Name,Customer Email,Ticket Subject,Ticket Status\n";
    private static final String CONTACTS = "Email,First Name,Last Name,Job Title,Phone 1\n";

    @TempDir
    Path dir;

    private final Preflight preflight = new Preflight(null, null, PropertyMapping.loadDefault());

    private static PortalProperty text(String name) {
        return new PortalProperty(name, "string", "text", List.of());
    }

    private static PortalProperty select(String name, String... options) {
        return new PortalProperty(name, "enumeration", "select", List.of(options));
    }

    /** The sandbox's ticket properties with a pipeline whose stages are 1-3 only. */
    private static List<PortalProperty> ticketProperties() {
        return List.of(text("subject"), text("content"), select("hs_pipeline", "0"),
                select("hs_pipeline_stage", "1", "2", "3"), select("hs_ticket_priority", "LOW", "MEDIUM", "HIGH", "URGENT"),
                select("hs_ticket_category", "PRODUCT_ISSUE"), select("source_type", "EMAIL"));
    }

    private static List<PortalProperty> contactProperties(PortalProperty... extra) {
        List<PortalProperty> list = new ArrayList<>(List.of(text("email"), text("firstname"), text("lastname"),
                text("phone"), text("jobtitle")));
        list.addAll(List.of(extra));
        return list;
    }

    private FileImport file(RowMapping mapping, Map<ObjectType, List<PortalProperty>> schema) {
        FileImport file = mapping.lastFile();
        file.portalSchema(() -> PortalSchema.of(schema));
        return file;
    }

    @Test
    void rejectsTicketWhoseStageIsNotAnOptionOfThePortalsPipeline() throws IOException {
        RowMapping mapping = new RowMapping(dir);
        List<RowResult> rows = mapping.map(ObjectType.TICKETS, "tickets.csv", TICKETS
                + "T1,Ana Silva,ana@verde.com.br,Login fails,Open\n"
                + "T2,Ben Okafor,ben@lagos.ng,Invoice twice,Closed\n");
        FileImport file = file(mapping, Map.of(ObjectType.TICKETS, ticketProperties(),
                ObjectType.CONTACTS, contactProperties()));

        List<RowResult> checked = preflight.check(file, rows);

        assertThat(checked.get(0)).isSameAs(rows.get(0));
        RowResult closed = checked.get(1);
        assertThat(closed.isRejected()).isTrue();
        assertThat(closed.rejection().code()).isEqualTo(ErrorCode.INVALID_OPTION);
        assertThat(ErrorCode.INVALID_OPTION.severity()).isEqualTo(io.crmbridge.model.Severity.REJECT);
        assertThat(closed.rejection().message())
                .isEqualTo("'4' is not an allowed option of hs_pipeline_stage (allowed: 1, 2, 3)");
        assertThat(closed.row()).isEqualTo(rows.get(1).row());
        assertThat(closed.secondary()).as("a rejected ticket's contact is not sent either").isEmpty();
        assertThat(file.report().unknownProperties()).isEmpty();
    }

    @Test
    void leavesOutAPropertyThePortalLacksAndReportsItOncePerFileWithoutRowWarnings() throws IOException {
        RowMapping mapping = new RowMapping(dir);
        List<RowResult> rows = mapping.map(ObjectType.CONTACTS, "contacts.csv", CONTACTS
                + "ana@verde.com.br,Ana,Silva,Buyer,\n"
                + "ben@lagos.ng,Ben,Okafor,Clerk,\n"
                + "chen@pearl.cn,Chen,Wei,,\n");
        List<PortalProperty> withoutJobTitle = new ArrayList<>(contactProperties());
        withoutJobTitle.removeIf(p -> p.name().equals("jobtitle"));
        FileImport file = file(mapping, Map.of(ObjectType.CONTACTS, withoutJobTitle));

        List<RowResult> checked = preflight.check(file, rows);

        assertThat(rows.get(0).record().properties()).containsEntry("jobtitle", "Buyer");
        assertThat(checked).allSatisfy(r -> {
            assertThat(r.isRejected()).isFalse();
            assertThat(r.record().properties()).doesNotContainKey("jobtitle").containsKey("email");
            assertThat(r.warnings()).isEmpty();
        });
        assertThat(checked.get(1).record().properties()).containsEntry("firstname", "Ben");
        assertThat(checked.get(2)).as("nothing to leave out").isSameAs(rows.get(2));
        assertThat(file.report().unknownProperties()).containsExactly(
                new ImportReport.UnknownProperty(ObjectType.CONTACTS, "Job Title", "jobtitle"));
        assertThat(file.report().toMap().get("preflight")).isEqualTo(Map.of("unknownProperties",
                List.of(Map.of("objectType", "contacts", "column", "Job Title", "property", "jobtitle")),
                "propertyValidations", List.of()));
    }

    @Test
    void crmBridgesOwnCustomPropertiesCountAsPresentEvenBeforeTheyAreCreated() throws IOException {
        // a dry run never creates crm_bridge_key and the other custom properties; a real run creates them first
        RowMapping mapping = new RowMapping(dir);
        List<RowResult> rows = mapping.map(ObjectType.COMPANIES, "companies.csv",
                "Organization Id,Name,Website,Industry\nX1,Acme,https://acme-widgets.com,Tools\n");
        FileImport file = file(mapping, Map.of(ObjectType.COMPANIES, List.of(text("name"), text("website"),
                text("domain"))));

        RowResult checked = preflight.check(file, rows.get(0));

        assertThat(checked.record().properties()).containsEntry("crm_bridge_industry", "Tools")
                .containsEntry("crm_bridge_source_id", "X1");
        assertThat(file.report().unknownProperties()).isEmpty();
    }

    @Test
    void aTicketContactsDisallowedOptionIsLeftOutWithAWarningAndTheTicketGoesOn() throws IOException {
        RowMapping mapping = new RowMapping(dir);
        List<RowResult> rows = mapping.map(ObjectType.TICKETS, "tickets.csv", TICKETS
                + "T1,Ana Silva,ana@verde.com.br,Login fails,Open\n");
        // a portal where firstname is a drop-down: "Ana" is not one of its options
        List<PortalProperty> contacts = new ArrayList<>(contactProperties());
        contacts.removeIf(p -> p.name().equals("firstname"));
        contacts.add(select("firstname", "Bob", "Carol"));
        FileImport file = file(mapping, Map.of(ObjectType.TICKETS, ticketProperties(), ObjectType.CONTACTS, contacts));

        RowResult checked = preflight.check(file, rows.get(0));

        assertThat(checked.isRejected()).isFalse();
        assertThat(checked.record()).isEqualTo(rows.get(0).record());
        assertThat(checked.secondary()).singleElement().satisfies(c -> assertThat(c.properties())
                .doesNotContainKey("firstname").containsEntry("lastname", "Silva")
                .containsEntry("email", "ana@verde.com.br"));
        assertThat(checked.warnings()).extracting(Issue::code).containsExactly(ErrorCode.INVALID_CONTACT_OPTION);
        assertThat(checked.warnings().get(0).message()).contains("'Ana'", "firstname", "Bob, Carol");
        assertThat(checked.links()).isEqualTo(rows.get(0).links());
        // the checked row is a new one: the mapped row is not changed under its other readers
        assertThat(rows.get(0).secondary().get(0).properties()).containsEntry("firstname", "Ana");
    }

    @Test
    void aContactPropertyThePortalLacksIsReportedUnderContactsWithoutAColumn() throws IOException {
        RowMapping mapping = new RowMapping(dir);
        List<RowResult> rows = mapping.map(ObjectType.TICKETS, "tickets.csv", TICKETS
                + "T1,Ana Silva,ana@verde.com.br,Login fails,Open\n"
                + "T2,Ben Okafor,ben@lagos.ng,Invoice twice,Open\n");
        List<PortalProperty> contacts = new ArrayList<>(contactProperties());
        contacts.removeIf(p -> p.name().equals("lastname"));
        FileImport file = file(mapping, Map.of(ObjectType.TICKETS, ticketProperties(), ObjectType.CONTACTS, contacts));

        List<RowResult> checked = preflight.check(file, rows);

        assertThat(checked).allSatisfy(r -> assertThat(r.secondary()).singleElement()
                .satisfies(c -> assertThat(c.properties()).doesNotContainKey("lastname")));
        assertThat(file.report().unknownProperties()).containsExactly(
                new ImportReport.UnknownProperty(ObjectType.CONTACTS, null, "lastname"));
    }

    /** The file's schema, with the contacts' validation rules {@code contactRules} (property -> rules). */
    private FileImport file(RowMapping mapping, Map<ObjectType, List<PortalProperty>> schema,
                            Map<String, List<PropertyValidationRule>> contactRules) {
        FileImport file = mapping.lastFile();
        file.portalSchema(() -> PortalSchema.of(schema, type -> type == ObjectType.CONTACTS
                ? PropertyValidations.of(contactRules) : PropertyValidations.of(Map.of())));
        return file;
    }

    private static List<PropertyValidationRule> rule(String type, String argument) {
        return List.of(new PropertyValidationRule(type, List.of(argument), false));
    }

    @Test
    void rejectsAValueThatBreaksOneOfThePortalsValidationRulesNamingPropertyProblemAndRule() throws IOException {
        RowMapping mapping = new RowMapping(dir);
        List<RowResult> rows = mapping.map(ObjectType.CONTACTS, "contacts.csv",
                CONTACTS + "ana@verde.com.br,Ana,Silva,Buyer,\nben@lagos.ng,Ben,Okafor,Engineer,\nchen@pearl.cn,Chen,Wei,,\n");
        FileImport file = file(mapping, Map.of(ObjectType.CONTACTS, contactProperties()),
                Map.of("jobtitle", rule("MAX_LENGTH", "5"), "email", rule("EMAIL_BLOCKED_DOMAINS", "lagos.ng")));

        List<RowResult> checked = preflight.check(file, rows);

        assertThat(checked.get(0)).isSameAs(rows.get(0));
        assertThat(checked.get(2)).as("an empty value clears the property: no rule applies").isSameAs(rows.get(2));
        RowResult engineer = checked.get(1);
        assertThat(engineer.isRejected()).isTrue();
        assertThat(engineer.rejection().code()).isEqualTo(ErrorCode.VALIDATION_RULE);
        assertThat(ErrorCode.VALIDATION_RULE.severity()).isEqualTo(io.crmbridge.model.Severity.REJECT);
        assertThat(engineer.rejection().message()).isEqualTo("jobtitle 'Engineer' is longer than 5 characters: it breaks"
                + " the portal's property validation rule MAX_LENGTH [5]");
    }

    @Test
    void aTicketContactsValueBreakingARuleIsLeftOutWithAWarningButItsKeyIsKept() throws IOException {
        RowMapping mapping = new RowMapping(dir);
        List<RowResult> rows = mapping.map(ObjectType.TICKETS, "tickets.csv", TICKETS
                + "T1,Ana Silva,ana@verde.com.br,Login fails,Open\n");
        FileImport file = file(mapping, Map.of(ObjectType.TICKETS, ticketProperties(),
                ObjectType.CONTACTS, contactProperties()),
                Map.of("firstname", rule("MIN_LENGTH", "4"), "email", rule("MAX_LENGTH", "3")));

        RowResult checked = preflight.check(file, rows.get(0));

        assertThat(checked.isRejected()).isFalse();
        assertThat(checked.secondary()).singleElement().satisfies(c -> assertThat(c.properties())
                .doesNotContainKey("firstname").containsEntry("email", "ana@verde.com.br"));
        assertThat(checked.warnings()).extracting(Issue::message).containsExactly("contact firstname 'Ana' is shorter"
                + " than 4 characters: it breaks the portal's property validation rule MIN_LENGTH [4]; value left out of"
                + " the row's contact");
    }

    @Test
    void rowsAlreadyRejectedAreReturnedAsTheyAre() throws IOException {
        RowMapping mapping = new RowMapping(dir);
        List<RowResult> rows = mapping.map(ObjectType.CONTACTS, "contacts.csv", CONTACTS + "not-an-email,,,,\n");
        FileImport file = file(mapping, Map.of());

        assertThat(preflight.check(file, rows.get(0))).isSameAs(rows.get(0));
    }
}
