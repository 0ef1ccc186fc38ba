package io.crmbridge.undo;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.ledger.ImportRun;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ledger.RunChanges.UndoState;
import io.crmbridge.model.ObjectType;
import io.crmbridge.undo.UndoResult.Counts;
import io.crmbridge.undo.UndoResult.Decision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Undoing runs of real imports (docs/undo.md), as the ledger records them when a file is imported: a second file's
 * run undone first gives back the first file's values and archives what it created; the first file's run undone
 * next keeps the contact someone edited in HubSpot and the one the second file wrote, and archives the others; a
 * file imported again after its run was undone creates its records again.
 */
class UndoImportFlowTest extends ImportFlowTestSupport {

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void runsOfImportedFilesAreUndoneNewestFirst() throws Exception {
        Instant earlier = Instant.parse("2026-01-05T10:00:00Z");
        sandbox().state().insertAt(ObjectType.CONTACTS, Map.of("email", "ada@example.com", "firstname", "Ada",
                "city", "London"), earlier, earlier);
        String first = String.join("\n", "First Name,Last Name,Email,City",
                "Ada,Lovelace,ada@example.com,Paris",
                "Alan,Turing,alan@example.com,Wilmslow",
                "Grace,Hopper,grace@example.com,Arlington",
                "Edsger,Dijkstra,edsger@example.com,Nuenen", "");
        drop("people.csv", first.getBytes(StandardCharsets.UTF_8));
        assertThat(awaitReport("people.csv").path("outcomes").path("created").asLong()).isEqualTo(3);
        String grace = contact("grace@example.com").id();
        new SandboxRuns(context).editInHubSpot(grace, Map.of("city", "New York"));
        drop("people-2.csv", String.join("\n", "First Name,Last Name,Email,City",
                "Alan,Turing,alan@example.com,Manchester",
                "Ada,Lovelace,ada@example.com,Paris",
                "Barbara,Liskov,barbara@example.com,Boston", "").getBytes(StandardCharsets.UTF_8));
        assertThat(awaitReport("people-2.csv").path("outcomes").path("updated").asLong()).isEqualTo(1);
        Ledger ledger = context.getRegistry().lookupByNameAndType("ledger", Ledger.class);
        long run1 = ledger.runs(0, 10).stream().filter(r -> r.getFileName().equals("people.csv")).findFirst()
                .orElseThrow().getId();
        long run2 = ledger.runs(0, 10).stream().filter(r -> r.getFileName().equals("people-2.csv")).findFirst()
                .orElseThrow().getId();
        RunUndo undo = context.getRegistry().lookupByNameAndType(RunUndo.BEAN_NAME, RunUndo.class);

        UndoResult second = undo.undo(run2, false);

        Counts c2 = second.counts().get(ObjectType.CONTACTS);
        assertThat(java.util.List.of(c2.records(), c2.reversed(), c2.archived(), c2.restored(), c2.kept()))
                .containsExactly(2L, 2L, 1L, 1L, 0L);
        assertThat(contact("alan@example.com").property("city")).isEqualTo("Wilmslow");
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "barbara@example.com")).isEmpty();

        UndoResult firstUndo = undo.undo(run1, false);

        Counts c1 = firstUndo.counts().get(ObjectType.CONTACTS);
        assertThat(java.util.List.of(c1.records(), c1.reversed(), c1.archived(), c1.restored(), c1.kept()))
                .containsExactly(4L, 2L, 1L, 1L, 2L);
        Decision alan = decision(firstUndo, contactKey("alan@example.com", firstUndo));
        assertThat(alan.state()).isEqualTo(UndoState.KEPT);
        assertThat(alan.changedBy()).isEqualTo(run2);
        assertThat(decision(firstUndo, grace).reason()).contains("city is 'New York'");
        assertThat(contact("ada@example.com").properties()).containsEntry("city", "London")
                .doesNotContainKey("lastname");
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "edsger@example.com")).isEmpty();
        assertThat(ledger.run(run1).orElseThrow().getStatus()).isEqualTo(ImportRun.Status.UNDONE);

        // the same content again is imported again, not skipped as a duplicate: its archived records come back
        drop("people-again.csv", first.getBytes(StandardCharsets.UTF_8));
        assertThat(awaitReport("people-again.csv").path("outcomes").path("created").asLong()).isEqualTo(1);
        assertThat(sandbox().state().findByProperty(ObjectType.CONTACTS, "email", "edsger@example.com")).isPresent();
    }

    private io.crmbridge.sandbox.SandboxRecord contact(String email) {
        return sandbox().state().findByProperty(ObjectType.CONTACTS, "email", email).orElseThrow();
    }

    private static String contactKey(String email, UndoResult r) {
        return r.records().stream().filter(d -> email.equals(d.naturalKey())).findFirst().orElseThrow().hubspotId();
    }

    private static Decision decision(UndoResult r, String id) {
        return r.records().stream().filter(d -> d.hubspotId().equals(id)).findFirst().orElseThrow();
    }
}
