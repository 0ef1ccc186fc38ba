package io.crmbridge.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.ObjectType;
import io.crmbridge.report.ImportReport;
import io.crmbridge.sandbox.PortalRules;
import io.crmbridge.sandbox.SandboxConfig;
import io.crmbridge.sandbox.SandboxRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordUpserterTest {

    private SandboxCamel env;

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    private static ImportReport report() {
        return new ImportReport("contacts.csv", ObjectType.CONTACTS, "UTF-8", ",", false, Instant.now());
    }

    private static CrmRecord contact(String email, String firstName) {
        return new CrmRecord(ObjectType.CONTACTS, "email", email, Map.of("email", email, "firstname", firstName),
                List.of());
    }

    @Test
    void upsertCreatesThenUpdatesTheSameContacts() throws Exception {
        env = new SandboxCamel();
        RecordUpserter upserter = new RecordUpserter(env.gateway);
        List<CrmRecord> three = List.of(contact("ada@example.com", "Ada"), contact("alan@example.com", "Alan"),
                contact("grace@example.com", "Grace"));
        ImportReport report = report();

        UpsertResult first = upserter.upsert(ObjectType.CONTACTS, three, report);

        assertThat(first.upserted()).containsOnlyKeys("ada@example.com", "alan@example.com", "grace@example.com");
        assertThat(first.upserted().values()).allSatisfy(u -> {
            assertThat(u.created()).isTrue();
            assertThat(u.id()).isNotBlank();
        });
        assertThat(first.rejected()).isEmpty();
        assertThat(first.unreachable()).isEmpty();
        SandboxRecord ada = env.sandbox.state().findByProperty(ObjectType.CONTACTS, "email", "ada@example.com")
                .orElseThrow();
        assertThat(first.upserted().get("ada@example.com").id()).isEqualTo(ada.id());
        assertThat(env.sandbox.state().count(ObjectType.CONTACTS)).isEqualTo(3);

        List<CrmRecord> renamed = List.of(contact("ada@example.com", "Augusta Ada"),
                contact("alan@example.com", "Alan"), contact("grace@example.com", "Grace"));
        UpsertResult second = upserter.upsert(ObjectType.CONTACTS, renamed, report);

        assertThat(second.upserted()).hasSize(3);
        assertThat(second.upserted().values()).noneMatch(UpsertResult.Upserted::created);
        assertThat(second.upserted().get("ada@example.com").id()).isEqualTo(ada.id());
        assertThat(env.sandbox.state().count(ObjectType.CONTACTS)).isEqualTo(3);
        assertThat(env.sandbox.state().findByProperty(ObjectType.CONTACTS, "email", "ada@example.com")
                .orElseThrow().property("firstname")).isEqualTo("Augusta Ada");
        assertThat(report.requests()).isEqualTo(2);
    }

    @Test
    void isolatesTheOneRecordHubSpotRejectsInA207AndUpsertsTheOthers() throws Exception {
        env = new SandboxCamel();
        RecordUpserter upserter = new RecordUpserter(env.gateway);
        List<CrmRecord> five = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            five.add(contact("person" + i + "@example.com", "Person " + i));
        }
        five.set(2, new CrmRecord(ObjectType.CONTACTS, "email", "person3@example.com",
                Map.of("email", "person3@example.com", "no_such_property_xyz", "v"), List.of()));

        UpsertResult result = upserter.upsert(ObjectType.CONTACTS, five, report());

        assertThat(result.upserted()).containsOnlyKeys("person1@example.com", "person2@example.com",
                "person4@example.com", "person5@example.com");
        assertThat(result.rejected()).containsOnlyKeys("person3@example.com");
        // HubSpot's own message names the property it does not know
        assertThat(result.rejected().get("person3@example.com")).contains("no_such_property_xyz");
        assertThat(result.unreachable()).isEmpty();
        assertThat(env.sandbox.state().count(ObjectType.CONTACTS)).isEqualTo(4);
        assertThat(env.sandbox.state().findByProperty(ObjectType.CONTACTS, "email", "person3@example.com")).isEmpty();
    }

    @Test
    void marksTheRecordsHubSpotRefusesForAnAdminRuleApartFromRefusedValues() throws Exception {
        env = new SandboxCamel(new SandboxConfig("127.0.0.1", 0, SandboxCamel.SANDBOX_TOKEN, 100, 0).withPortalRules(
                PortalRules.parse("contacts.jobtitle", "", "contacts.zip ALPHANUMERIC NUMERIC_ONLY")), "2026-09",
                SandboxCamel.SANDBOX_TOKEN);
        List<CrmRecord> three = List.of(
                new CrmRecord(ObjectType.CONTACTS, "email", "ada@example.com", Map.of("email", "ada@example.com",
                        "jobtitle", "CTO"), List.of()),
                contact("alan@example.com", "Alan"),
                new CrmRecord(ObjectType.CONTACTS, "email", "grace@example.com", Map.of("email", "grace@example.com",
                        "jobtitle", "Admiral", "zip", "2O2O"), List.of()));

        UpsertResult result = new RecordUpserter(env.gateway).upsert(ObjectType.CONTACTS, three, report());

        assertThat(result.upserted()).containsOnlyKeys("ada@example.com");
        assertThat(result.rejected()).containsOnlyKeys("alan@example.com", "grace@example.com");
        assertThat(result.rejected().get("alan@example.com")).contains("required properties were missing: [jobtitle]");
        assertThat(result.rejected().get("grace@example.com")).contains("INVALID_NUMERIC");
        assertThat(result.portalRules()).containsExactly("alan@example.com");
        assertThat(env.sandbox.state().requests()).extracting(r -> r.path())
                .containsExactly("/crm/objects/2026-09/contacts/batch/upsert");
    }

    @Test
    void halvesTheBatchUntilTheRecordBehindAWholeBatch400IsIsolated() throws Exception {
        env = new SandboxCamel();
        RecordUpserter upserter = new RecordUpserter(env.gateway);
        List<CrmRecord> five = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            five.add(contact("person" + i + "@example.com", "Person " + i));
        }
        // an idProperty that is not a unique property fails the whole batch with 400, trace ids or not
        five.set(3, new CrmRecord(ObjectType.CONTACTS, "firstname", "Person 4", Map.of("firstname", "Person 4"),
                List.of()));

        UpsertResult result = upserter.upsert(ObjectType.CONTACTS, five, report());

        assertThat(result.upserted()).containsOnlyKeys("person1@example.com", "person2@example.com",
                "person3@example.com", "person5@example.com");
        assertThat(result.rejected()).containsOnlyKeys("Person 4");
        assertThat(result.rejected().get("Person 4")).isNotBlank().doesNotStartWith("HTTP ");
        assertThat(result.unreachable()).isEmpty();
        assertThat(env.sandbox.state().requests()).filteredOn(r -> r.status() == 400).hasSizeGreaterThan(1);
        assertThat(env.sandbox.state().count(ObjectType.CONTACTS)).isEqualTo(4);
    }

    @Test
    void wrongTokenFailsWith401WithoutLeakingTheToken() throws Exception {
        String wrong = "pat-na1-wrong-token-0123456789";
        env = new SandboxCamel(wrong);
        RecordUpserter upserter = new RecordUpserter(env.gateway);
        ImportReport report = report();

        assertThatThrownBy(() -> upserter.upsert(ObjectType.CONTACTS, List.of(contact("ada@example.com", "Ada")),
                report))
                .isInstanceOfSatisfying(HubSpotCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.isAuthProblem()).isTrue();
                    assertThat(e.isRecordProblem()).isFalse();
                    assertThat(e.getMessage()).isNotBlank().doesNotContain(wrong);
                });
        // 401 is never retried: one request reached the sandbox
        assertThat(env.sandbox.state().requests()).hasSize(1);
        assertThat(report.retries()).isZero();
        assertThat(env.sandbox.state().count(ObjectType.CONTACTS)).isZero();
    }

    @Test
    void refusesMoreThanOneHundredRecords() throws Exception {
        env = new SandboxCamel();
        List<CrmRecord> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(contact("p" + i + "@example.com", "P"));
        }

        assertThatThrownBy(() -> new RecordUpserter(env.gateway).upsert(ObjectType.CONTACTS, many, report()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(env.sandbox.state().requests()).isEmpty();
    }
}
