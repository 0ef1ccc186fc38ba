package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.SandboxRecord;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Numbers reach HubSpot as the file writes them: a European export's decimal comma and a US
 * export's decimal point are each settled by the file's own values, a value that reads two ways
 * before that is left out with a warning, and the report states the convention it used.
 */
class NumberFormatFlowTest extends ImportFlowTestSupport {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    @Override
    protected Properties extraProperties() {
        return unlimitedRate();
    }

    @Test
    void givenAWindows1252SemicolonFileWithDecimalCommasWhenImportedThenEmployeesAreReadTheEuropeanWay()
            throws Exception {
        // the first 1.200 comes before any proof; 12,5 proves the decimal comma for the rows after it
        String csv = "Name;Website;Country;Employees\r\n"
                + "Société Lumière;lumiere-societe.fr;France;1.200\r\n"
                + "Château Brûlé;chateau-brule.fr;France;12,5\r\n"
                + "Café Crème;cafe-creme.fr;France;1.200\r\n"
                + "Boulangerie Noël;boulangerie-noel.fr;France;1 234\r\n"
                + "Forêt Holz;foret-holz.de;Germany;3.400.000\r\n"
                + "Crêperie Dinan;creperie-dinan.fr;France;2\u00a0500,75\r\n"
                + "Pâtisserie Vague;patisserie-vague.fr;France;12 34\r\n";
        drop("companies-europe.csv", csv.getBytes(CP1252));

        JsonNode report = awaitReport("companies-europe.csv");

        assertThat(report.path("charset").asText()).isEqualTo("windows-1252");
        assertThat(report.path("delimiter").asText()).isEqualTo(";");
        assertThat(report.path("outcomes").path("created").asInt()).isEqualTo(7);
        assertThat(employees("lumiere-societe.fr")).isNull();
        assertThat(employees("chateau-brule.fr")).isEqualTo("12.5");
        assertThat(employees("cafe-creme.fr")).isEqualTo("1200");
        assertThat(employees("boulangerie-noel.fr")).isEqualTo("1234");
        assertThat(employees("foret-holz.de")).isEqualTo("3400000");
        assertThat(employees("creperie-dinan.fr")).isEqualTo("2500.75");
        assertThat(employees("patisserie-vague.fr")).isNull();
        assertThat(report.path("warningsByCode").path("AMBIGUOUS_NUMBER").asInt()).isEqualTo(1);
        assertThat(report.path("warningsByCode").path("INVALID_NUMBER").asInt()).isEqualTo(1);
        JsonNode format = report.path("numberFormat");
        assertThat(format.path("decimalSeparator").asText()).isEqualTo(",");
        assertThat(format.path("thousandsSeparator").asText()).isEqualTo(".");
        assertThat(format.path("proven").asBoolean()).isTrue();
        assertThat(format.path("proof").asText()).isEqualTo("12,5");
        assertThat(Files.readString(htmlBeside(reports("companies-europe.csv").get(0)), StandardCharsets.UTF_8))
                .contains("<dd>decimal comma, thousands point (proved by the value 12,5)</dd>");
    }

    @Test
    void givenACommaFileWithADecimalPointWhenImportedThenThousandsCommasAreGroupsAndTheReportSaysSo()
            throws Exception {
        String csv = "Name,Website,Country,Employees\n"
                + "Acme Corp,acme-corp.com,United States,\"1,234.5\"\n"
                + "Globex,globex-corp.com,United States,\"1,200\"\n"
                + "Initech,initech-corp.com,United States,2.500\n"
                + "Umbrella,umbrella-corp.com,United States,\"12,000,000\"\n";
        drop("companies-us.csv", csv.getBytes(StandardCharsets.UTF_8));

        JsonNode report = awaitReport("companies-us.csv");

        assertThat(report.path("outcomes").path("created").asInt()).isEqualTo(4);
        assertThat(employees("acme-corp.com")).isEqualTo("1234.5");
        assertThat(employees("globex-corp.com")).isEqualTo("1200");
        assertThat(employees("initech-corp.com")).isEqualTo("2.500");
        assertThat(employees("umbrella-corp.com")).isEqualTo("12000000");
        assertThat(report.path("warningsByCode").size()).isZero();
        JsonNode format = report.path("numberFormat");
        assertThat(format.path("decimalSeparator").asText()).isEqualTo(".");
        assertThat(format.path("thousandsSeparator").asText()).isEqualTo(",");
        assertThat(format.path("proven").asBoolean()).isTrue();
        assertThat(format.path("proof").asText()).isEqualTo("1,234.5");
    }

    private String employees(String domain) {
        SandboxRecord company = sandbox().state().findByProperty(ObjectType.COMPANIES, "domain", domain).orElseThrow(
                () -> new AssertionError("no company " + domain + " in the sandbox"));
        return company.property("numberofemployees");
    }
}
