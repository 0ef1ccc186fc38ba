package io.crmbridge.undo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ledger.RunChanges;
import io.crmbridge.ledger.RunChanges.UndoState;
import io.crmbridge.model.Link;
import io.crmbridge.model.ObjectType;
import io.crmbridge.ledger.MadeLink;
import io.crmbridge.hubspot.AssociationWriter;
import io.crmbridge.hubspot.HubSpotGateway;
import io.crmbridge.sandbox.RecordedRequest;
import io.crmbridge.undo.UndoResult.Action;
import io.crmbridge.undo.UndoResult.Counts;
import io.crmbridge.undo.UndoResult.Decision;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Undoing a run (docs/undo.md) on the real application against the sandbox: runs made by hand through HubSpot's API
 * ({@link SandboxRuns}), then {@link RunUndo}: created records archived, updated ones restored, edits by another user
 * and later runs kept and named, a second undo that sends nothing, a dry run that writes nothing.
 */
class RunUndoFlowTest extends ImportFlowTestSupport {

    private SandboxRuns runs;
    private RunUndo undo;
    private RunChanges changes;

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @BeforeEach
    void beans() {
        runs = new SandboxRuns(context);
        undo = context.getRegistry().lookupByNameAndType(RunUndo.BEAN_NAME, RunUndo.class);
        changes = context.getRegistry().lookupByNameAndType("runChanges", RunChanges.class);
    }

    private static Map<String, String> contact(int i) {
        return Map.of("email", "undo" + i + "@example.com", "firstname", "First" + i, "lastname", "Last" + i);
    }

    private List<RecordedRequest> writes() {
        return sandbox().state().requests().stream().filter(r -> !r.path().endsWith("/batch/read")
                && !r.method().equals("GET")).toList();
    }

    private static Decision decision(UndoResult r, String id) {
        return r.records().stream().filter(d -> d.hubspotId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void createdRecordsAreArchivedAndUpdatedOnesGetTheirPriorValuesBack() throws Exception {
        List<String> existing = runs.createContacts(List.of(Map.of("email", "kept.value@example.com",
                "firstname", "Ann", "jobtitle", "Buyer")));
        long run = runs.run("contacts.csv", false, ImportRun.Status.COMPLETED);
        // 150 created: two chunks of one type
        List<String> created = runs.runCreates(run, IntStream.range(0, 150).mapToObj(RunUndoFlowTest::contact).toList());
        runs.runUpdates(run, existing.get(0), "kept.value@example.com", Map.of("firstname", "Anne", "phone", "+33612"),
                true);

        UndoResult r = undo.undo(run, false);

        Counts counts = r.counts().get(ObjectType.CONTACTS);
        assertThat(counts.records()).isEqualTo(151);
        assertThat(counts.reversed()).isEqualTo(151);
        assertThat(counts.archived()).isEqualTo(150);
        assertThat(counts.restored()).isEqualTo(1);
        assertThat(counts.kept() + counts.failed()).isZero();
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(1);
        JsonNode restored = runs.read(existing.get(0), List.of("firstname", "phone", "jobtitle"));
        assertThat(restored.path("properties").path("firstname").asText()).isEqualTo("Ann");
        assertThat(restored.path("properties").path("phone").asText("")).isEmpty();
        assertThat(restored.path("properties").path("jobtitle").asText()).isEqualTo("Buyer");
        assertThat(runs.read(created.get(0), List.of("email")).isMissingNode()).isTrue();
        Ledger ledger = context.getRegistry().lookupByNameAndType("ledger", Ledger.class);
        assertThat(ledger.run(run).orElseThrow().getStatus()).isEqualTo(ImportRun.Status.UNDONE);
        assertThat(changes.undone(run)).hasSize(151);
        // the report: three files, counts that add up
        JsonNode report = JSON.readTree(r.reportFiles().get("json").toFile());
        assertThat(report.path("totals").path("records").asLong()).isEqualTo(151);
        assertThat(report.path("totals").path("reversed").asLong()).isEqualTo(151);
        assertThat(report.path("alreadyUndone").asBoolean()).isFalse();
        assertThat(r.reportFiles().get("json").getFileName().toString()).isEqualTo("contacts.csv-run" + run
                + "-undo.json");
        assertThat(Files.readString(r.reportFiles().get("html"))).contains("Undo report: run " + run);
        assertThat(Files.readAllLines(r.reportFiles().get("csv"))).hasSize(1);
    }

    @Test
    void recordsEditedInHubSpotOrWrittenByALaterRunAreKeptAndNamed() {
        List<String> before = runs.createContacts(List.of(Map.of("email", "u1@example.com", "firstname", "Una"),
                Map.of("email", "u2@example.com", "firstname", "Ugo")));
        long run = runs.run("contacts.csv", false, ImportRun.Status.COMPLETED);
        List<String> created = runs.runCreates(run, List.of(contact(1), contact(2), contact(3)));
        runs.runUpdates(run, before.get(0), "u1@example.com", Map.of("firstname", "Una2"), true);
        runs.runUpdates(run, before.get(1), "u2@example.com", Map.of("firstname", "Ugo2"), false);
        // another user edits a created record; a later run writes another one
        runs.editInHubSpot(created.get(0), Map.of("lastname", "Edited"));
        long later = runs.run("contacts-2.csv", false, ImportRun.Status.COMPLETED);
        runs.runUpdates(later, created.get(1), "undo2@example.com", Map.of("firstname", "Again"), true);
        // another user touches a property the run did not write: only HubSpot's updatedAt says so
        Instant writtenAt = Instant.now();
        await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(writtenAt.plusMillis(5)));
        runs.editInHubSpot(before.get(0), Map.of("jobtitle", "Chief"));

        UndoResult r = undo.undo(run, false);

        assertThat(decision(r, created.get(0)).state()).isEqualTo(UndoState.KEPT);
        assertThat(decision(r, created.get(0)).reason()).contains("changed in HubSpot after the run: lastname");
        assertThat(decision(r, created.get(1)).state()).isEqualTo(UndoState.KEPT);
        assertThat(decision(r, created.get(1)).changedBy()).isEqualTo(later);
        assertThat(decision(r, created.get(1)).reason()).contains("run " + later);
        assertThat(decision(r, created.get(2)).action()).isEqualTo(Action.ARCHIVE);
        assertThat(decision(r, before.get(0)).state()).isEqualTo(UndoState.KEPT);
        assertThat(decision(r, before.get(0)).reason()).contains("updated at");
        assertThat(decision(r, before.get(1)).reason()).contains("read-before-write");
        Counts c = r.counts().get(ObjectType.CONTACTS);
        assertThat(List.of(c.records(), c.reversed(), c.kept(), c.failed())).containsExactly(5L, 1L, 4L, 0L);
        // kept records stay as HubSpot holds them
        assertThat(runs.read(created.get(0), List.of("lastname")).path("properties").path("lastname").asText())
                .isEqualTo("Edited");
        assertThat(runs.read(before.get(0), List.of("firstname")).path("properties").path("firstname").asText())
                .isEqualTo("Una2");
        // and are listed in the dead-letter CSV, with the run that changed one of them
        assertThat(r.reportFiles().get("csv")).content().contains(created.get(0)).contains(String.valueOf(later))
                .contains("u2@example.com");
    }

    @Test
    void aSecondUndoSendsNoWriteAndReportsTheSameCounts() throws Exception {
        long run = runs.run("contacts.csv", false, ImportRun.Status.COMPLETED);
        List<String> created = runs.runCreates(run, List.of(contact(1), contact(2)));
        runs.editInHubSpot(created.get(0), Map.of("firstname", "Changed"));
        UndoResult first = undo.undo(run, false);
        int requestsBefore = sandbox().state().requests().size();

        UndoResult second = undo.undo(run, false);

        assertThat(sandbox().state().requests()).hasSize(requestsBefore);
        Counts a = first.counts().get(ObjectType.CONTACTS);
        Counts b = second.counts().get(ObjectType.CONTACTS);
        assertThat(List.of(b.records(), b.reversed(), b.kept(), b.failed(), b.archived(), b.restored()))
                .containsExactly(a.records(), a.reversed(), a.kept(), a.failed(), a.archived(), a.restored());
        assertThat(List.of(a.earlier(), b.earlier())).containsExactly(0L, 2L);
        assertThat(second.nothingSent()).isTrue();
        assertThat(second.records()).allMatch(d -> d.action() == Action.EARLIER);
        JsonNode report = JSON.readTree(second.reportFiles().get("json").toFile());
        assertThat(report.path("alreadyUndone").asBoolean()).isTrue();
        assertThat(report.path("totals").path("kept").asLong()).isEqualTo(1);
        assertThat(Files.readString(second.reportFiles().get("html"))).contains("Already undone: nothing sent");
    }

    @Test
    void anUndoStoppedAfterItsWritesIsFinishedFromWhatHubSpotHolds() {
        List<String> before = runs.createContacts(List.of(Map.of("email", "p@example.com", "firstname", "Pia")));
        long run = runs.run("contacts.csv", false, ImportRun.Status.COMPLETED);
        List<String> created = runs.runCreates(run, List.of(contact(1)));
        runs.runUpdates(run, before.get(0), "p@example.com", Map.of("firstname", "Pia2"), true);
        // as an undo killed after its HubSpot writes and before storing their outcomes
        HubSpotGateway gateway = context.getRegistry().lookupByNameAndType("hubspotGateway", HubSpotGateway.class);
        gateway.post(gateway.settings().paths().objects(ObjectType.CONTACTS) + "/batch/archive",
                Map.of("inputs", List.of(Map.of("id", created.get(0)))), null);
        runs.editInHubSpot(before.get(0), Map.of("firstname", "Pia"));
        int writesBefore = writes().size();

        UndoResult r = undo.undo(run, false);

        assertThat(writes()).hasSize(writesBefore);
        assertThat(r.records()).extracting(Decision::state).containsOnly(UndoState.REVERSED);
        assertThat(r.records()).extracting(Decision::action).containsOnly(Action.NONE);
    }

    @Test
    void aDryRunDecidesWithoutWritingAndUndoRefusesWhatItCannotUndo() {
        long run = runs.run("contacts.csv", false, ImportRun.Status.COMPLETED);
        List<String> created = runs.runCreates(run, List.of(contact(1), contact(2)));
        int writesBefore = writes().size();

        UndoResult dry = undo.undo(run, true);

        assertThat(dry.counts().get(ObjectType.CONTACTS).archived()).isEqualTo(2);
        assertThat(dry.reportFiles()).isEmpty();
        assertThat(writes()).hasSize(writesBefore);
        assertThat(sandbox().state().count(ObjectType.CONTACTS)).isEqualTo(2);
        assertThat(changes.undone(run)).isEmpty();
        assertThat(outbox().resolve("undo")).doesNotExist();
        assertThat(runs.read(created.get(0), List.of("email")).isMissingNode()).isFalse();

        long dryRun = runs.run("dry.csv", true, ImportRun.Status.COMPLETED);
        long running = runs.run("running.csv", false, ImportRun.Status.RUNNING);
        assertThatThrownBy(() -> undo.undo(424242, false)).isInstanceOf(UndoRefused.class)
                .hasMessageContaining("no import run 424242").extracting(e -> ((UndoRefused) e).status()).isEqualTo(404);
        assertThatThrownBy(() -> undo.undo(dryRun, false)).isInstanceOf(UndoRefused.class)
                .hasMessageContaining("dry run").extracting(e -> ((UndoRefused) e).status()).isEqualTo(409);
        assertThatThrownBy(() -> undo.undo(running, true)).isInstanceOf(UndoRefused.class)
                .hasMessageContaining("still running").extracting(e -> ((UndoRefused) e).status()).isEqualTo(409);
        Ledger ledger = context.getRegistry().lookupByNameAndType("ledger", Ledger.class);
        long sales = ledger.openRunOfKind("clients.csv", "hash-sales", "sales-clients", false);
        ledger.finishRun(sales, ImportRun.Status.COMPLETED, 3, null);
        assertThatThrownBy(() -> undo.undo(sales, false)).isInstanceOf(UndoRefused.class)
                .hasMessageContaining("sales ledger").extracting(e -> ((UndoRefused) e).status()).isEqualTo(409);
    }

    @Test
    void theRunsAssociationsAreArchivedThroughTheConfiguredVersionsPath() {
        List<String> companies = List.of(sandboxCompany());
        long run = runs.run("contacts.csv", false, ImportRun.Status.COMPLETED);
        List<String> created = runs.runCreates(run, List.of(contact(1)));
        HubSpotGateway gateway = context.getRegistry().lookupByNameAndType("hubspotGateway", HubSpotGateway.class);
        new AssociationWriter(gateway).create(ObjectType.CONTACTS, ObjectType.COMPANIES, 279,
                List.of(new AssociationWriter.Pair(created.get(0), companies.get(0))), null);
        Ledger ledger = context.getRegistry().lookupByNameAndType("ledger", Ledger.class);
        ledger.linked(List.of(new MadeLink(0, new Link(ObjectType.CONTACTS, "undo1@example.com",
                ObjectType.COMPANIES, "acme.example", 279), created.get(0), companies.get(0))), run);
        assertThat(sandbox().state().associatedIds(ObjectType.CONTACTS, created.get(0), ObjectType.COMPANIES))
                .containsExactly(companies.get(0));

        UndoResult r = undo.undo(run, false);

        assertThat(r.associations()).isEqualTo(1);
        assertThat(changes.associations(run)).isEmpty();
        String version = gateway.settings().paths().version();
        assertThat(sandbox().state().requests()).anyMatch(q -> q.path().equals(
                gateway.settings().paths().associations(ObjectType.CONTACTS, ObjectType.COMPANIES) + "/batch/archive"));
        assertThat(version).isNotEmpty();
        assertThat(sandbox().state().associatedIds(ObjectType.CONTACTS, created.get(0), ObjectType.COMPANIES))
                .isEmpty();
    }

    private String sandboxCompany() {
        HubSpotGateway gateway = context.getRegistry().lookupByNameAndType("hubspotGateway", HubSpotGateway.class);
        JsonNode answer = gateway.post(gateway.settings().paths().objects(ObjectType.COMPANIES) + "/batch/create",
                Map.of("inputs", List.of(Map.of("properties", Map.of("name", "Acme", "domain", "acme.example")))),
                null).body();
        return answer.path("results").path(0).path("id").asText();
    }
}
