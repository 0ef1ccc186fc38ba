package io.crmbridge.validation;

import io.crmbridge.Datasets;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeMapperTest {

    private static Properties ticketCodes() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CodeMapperTest.class.getClassLoader().getResourceAsStream(CodeMapper.TICKET_CODES)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void mapsEveryDatasetStatusPriorityAndType() throws IOException {
        Properties codes = ticketCodes();
        CodeMapper status = CodeMapper.fromProperties(codes, "status");
        CodeMapper priority = CodeMapper.fromProperties(codes, "priority");
        CodeMapper category = CodeMapper.fromProperties(codes, "category");
        List<CSVRecord> rows = Datasets.read(Datasets.TICKETS);
        for (CSVRecord row : rows) {
            assertThat(status.map(row.get("Ticket Status"))).as(row.get("Ticket Status")).isPresent();
            assertThat(priority.map(row.get("Ticket Priority"))).as(row.get("Ticket Priority")).isPresent();
            assertThat(category.map(row.get("Ticket Type"))).as(row.get("Ticket Type")).isPresent();
        }
    }

    @Test
    void mapsDatasetValuesToHubSpotTargets() throws IOException {
        Properties codes = ticketCodes();
        CodeMapper status = CodeMapper.fromProperties(codes, "status");
        CodeMapper priority = CodeMapper.fromProperties(codes, "priority");
        assertThat(status.map("Open")).contains("1");
        assertThat(status.map("Pending Customer Response")).contains("2");
        assertThat(status.map("Closed")).contains("4");
        assertThat(priority.map("Low")).contains("LOW");
        assertThat(priority.map("Medium")).contains("MEDIUM");
        assertThat(priority.map("High")).contains("HIGH");
        assertThat(priority.map("Critical")).contains("URGENT");
    }

    @Test
    void mapsDatasetChannelsExceptSocialMedia() throws IOException {
        CodeMapper channel = CodeMapper.fromProperties(ticketCodes(), "channel");
        assertThat(channel.map("Email")).contains("EMAIL");
        assertThat(channel.map("Phone")).contains("PHONE");
        assertThat(channel.map("Chat")).contains("CHAT");
        assertThat(channel.map("Social media")).isEmpty();
    }

    @Test
    void matchesIgnoringCaseAccentsAndSpaces() throws IOException {
        CodeMapper status = CodeMapper.fromProperties(ticketCodes(), "status");
        assertThat(status.map("en attente CLIENT")).contains("2");
        assertThat(status.map("FERME")).contains("4");
        assertThat(status.map(" Résolu ")).contains("4");
        assertThat(status.map("waiting-on-us")).contains("3");
    }

    @Test
    void leavesUnknownAndBlankValuesUnmapped() throws IOException {
        CodeMapper status = CodeMapper.fromProperties(ticketCodes(), "status");
        assertThat(status.map("Escalated")).isEmpty();
        assertThat(status.map("")).isEmpty();
        assertThat(status.map(null)).isEmpty();
    }

    @Test
    void ignoresEntriesOfOtherPrefixes() {
        Properties p = new Properties();
        p.setProperty("status.open", "1");
        p.setProperty("statusx.closed", "4");
        assertThat(CodeMapper.fromProperties(p, "status").map("closed")).isEmpty();
    }

    @Test
    void refusesEntriesThatFoldToTheSameKeyWithDifferentTargets() {
        Properties p = new Properties();
        p.setProperty("status.Fermé", "4");
        p.setProperty("status.ferme", "3");
        assertThatThrownBy(() -> CodeMapper.fromProperties(p, "status")).isInstanceOf(IllegalArgumentException.class);
    }
}
