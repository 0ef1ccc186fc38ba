package io.crmbridge.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportWriterTest {

    private static final String HOSTILE = "<script>alert(1)</script>";

    @TempDir
    Path dir;

    @Test
    void showsAScriptTagInTheFileNameAsText() throws Exception {
        ImportReport r = ReportFixtures.contactsReport(HOSTILE + ".csv", "plain");

        String html = Files.readString(new HtmlReportWriter().write(r, dir, "hostile"), StandardCharsets.UTF_8);

        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;.csv");
    }

    @Test
    void namesTheInterruptedRunsItTookOverAndSaysNothingWithoutThem() throws Exception {
        ImportReport taken = ReportFixtures.contactsReport("contacts.csv", "x");
        taken.interruptedRuns(java.util.List.of(3L, 4L));
        ImportReport plain = ReportFixtures.contactsReport("contacts.csv", "x");

        String html = Files.readString(new HtmlReportWriter().write(taken, dir, "taken"), StandardCharsets.UTF_8);
        String none = Files.readString(new HtmlReportWriter().write(plain, dir, "plain"), StandardCharsets.UTF_8);

        assertThat(html).contains("took over the unfinished run(s) 3 4 of the same content");
        assertThat(none).doesNotContain("unfinished run");
    }

    @Test
    void saysWhereTheFilesLinesWent() throws Exception {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");

        String html = Files.readString(new HtmlReportWriter().write(r, dir, "contacts.csv"), StandardCharsets.UTF_8);

        assertThat(html).contains("<dt>Lines</dt><dd>13 read: 1 header, 1 blank, 11 in rows</dd>");
    }

    @Test
    void showsAScriptTagInAnErrorExampleAsText() throws Exception {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "invalid email address '" + HOSTILE + "'");

        String html = Files.readString(new HtmlReportWriter().write(r, dir, "contacts.csv"), StandardCharsets.UTF_8);

        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void drawsOneSvgBarPerOutcomeScaledToTheLargestCount() throws Exception {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");

        String html = Files.readString(new HtmlReportWriter().write(r, dir, "contacts.csv"), StandardCharsets.UTF_8);

        // created (5) is the longest bar; rejected (2) is 2/5 of it
        assertThat(html).contains("<svg")
                .contains("class=\"bar-created\" x=\"100\" y=\"0\" width=\"" + HtmlReportWriter.CHART_BAR_WIDTH + "\"")
                .contains("class=\"bar-rejected\" x=\"100\" y=\"84\" width=\"" + HtmlReportWriter.CHART_BAR_WIDTH * 2 / 5 + "\"")
                .contains("<title>failed: 1</title>");
    }

    @Test
    void templateEscapesEveryValue() throws Exception {
        String template;
        try (var in = getClass().getClassLoader().getResourceAsStream("templates/report.html.mustache")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        // {{{x}}} and {{& x}} are mustache's unescaped forms
        assertThat(template).contains("{{file}}").doesNotContain("{{{").doesNotContain("{{&");
    }

    @Test
    void isSelfContainedWithoutScriptsOrExternalAssets() throws Exception {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");

        String html = Files.readString(new HtmlReportWriter().write(r, dir, "contacts.csv"), StandardCharsets.UTF_8);

        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=")
                .contains("<style>");
    }

    @Test
    void showsHeaderFactsAndTables() throws Exception {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");

        String html = Files.readString(new HtmlReportWriter().write(r, dir, "contacts.csv"), StandardCharsets.UTF_8);

        assertThat(html).contains("Import report: contacts.csv")
                .contains("<dd>contacts</dd>").contains("<dd>UTF-8</dd>").contains(", (comma)")
                .contains("<dd>decimal comma, thousands point (proved by the value 12,5)</dd>")
                .contains("52.1 s").contains("70.0%")
                .contains("<td>INVALID_PHONE</td><td class=\"num\">2</td>")
                .contains("<td>Notes</td>")
                .contains("<td>429 responses</td><td class=\"num\">1</td>")
                .contains("<td>pending (target not imported yet)</td><td class=\"num\">3</td>");
    }

    @Test
    void listsThePropertiesThePortalDoesNotHaveWithTheirColumn() throws Exception {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");
        r.unknownProperty(io.crmbridge.model.ObjectType.CONTACTS, "Job Title", "job_titel");
        r.unknownProperty(io.crmbridge.model.ObjectType.CONTACTS, null, "lastname");

        String html = Files.readString(new HtmlReportWriter().write(r, dir, "contacts.csv"), StandardCharsets.UTF_8);

        assertThat(html).contains("<tr><td>contacts</td><td>Job Title</td><td>job_titel</td></tr>")
                .contains("<tr><td>contacts</td><td>-</td><td>lastname</td></tr>");
    }

    @Test
    void saysNoneWhenThePortalHasEveryProperty() throws Exception {
        ImportReport r = ReportFixtures.contactsReport("contacts.csv", "x");

        String html = Files.readString(new HtmlReportWriter().write(r, dir, "contacts.csv"), StandardCharsets.UTF_8);

        assertThat(html).contains("<tr><td colspan=\"3\" class=\"none\">none</td></tr>");
    }
}
