package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.model.ObjectType;
import io.crmbridge.model.RowResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompanyRowMapperTest {

    private static final String HEADER = "Name,Website,Country,Number of employees\n";

    @TempDir
    Path dir;

    private List<RowResult> map(String rows) throws IOException {
        return new RowMapping(dir).map(ObjectType.COMPANIES, "companies.csv", HEADER + rows);
    }

    @Test
    void keysCompanyByTheWebsitesDomain() throws IOException {
        RowResult r = map("Example Corp,https://www.Example-Corp.com/about,Germany,\"1,200,000\"\n").get(0);

        assertThat(r.isRejected()).isFalse();
        assertThat(r.record().idProperty()).isEqualTo(PropertyMapping.KEY_PROPERTY);
        assertThat(r.record().key()).isEqualTo("example-corp.com");
        assertThat(r.record().properties())
                .containsEntry("domain", "example-corp.com")
                .containsEntry(PropertyMapping.KEY_PROPERTY, "example-corp.com")
                .containsEntry("name", "Example Corp")
                .containsEntry("numberofemployees", "1200000");
        assertThat(r.record().aliases()).containsExactly("name:example corp", "domain:example-corp.com");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void freeMailWebsiteWithANameIsAWarningAndKeyedByName() throws IOException {
        RowResult r = map("Gmail  Fan Club,gmail.com,,\n").get(0);

        assertThat(r.isRejected()).isFalse();
        assertThat(r.warnings()).extracting(Issue::code).containsExactly(ErrorCode.INVALID_WEBSITE);
        assertThat(r.record().key()).isEqualTo("name:gmail fan club");
        assertThat(r.record().properties()).doesNotContainKeys("domain", "website");
        assertThat(r.record().aliases()).containsExactly("name:gmail fan club");
    }

    @Test
    void freeMailWebsiteWithoutANameIsRejected() throws IOException {
        RowResult r = map(",https://www.gmail.com/,France,\n").get(0);

        assertThat(r.isRejected()).isTrue();
        assertThat(r.rejection().code()).isEqualTo(ErrorCode.FREE_MAIL_DOMAIN);
    }

    @Test
    void rowWithNeitherNameNorWebsiteIsRejectedMissingRequired() throws IOException {
        RowResult r = map(",,France,10\n").get(0);

        assertThat(r.rejection().code()).isEqualTo(ErrorCode.MISSING_REQUIRED);
    }

    @Test
    void sameDomainTwiceIsADuplicateOfTheFirstRow() throws IOException {
        List<RowResult> results = map("Example Corp,https://www.Example-Corp.com/about,,\n"
                + "Other name,example-corp.com,,\n");

        assertThat(results.get(0).isRejected()).isFalse();
        assertThat(results.get(1).rejection().code()).isEqualTo(ErrorCode.DUPLICATE_IN_FILE);
        assertThat(results.get(1).rejection().message()).contains("row 1").contains("example-corp.com");
    }

    @Test
    void badEmployeeCountIsAWarningAndLeftOut() throws IOException {
        RowResult r = map("Acme,acme.io,,many\n").get(0);

        assertThat(r.warnings()).extracting(Issue::code).containsExactly(ErrorCode.INVALID_NUMBER);
        assertThat(r.record().properties()).doesNotContainKey("numberofemployees");
    }

    @Test
    void employeeCountThatReadsTwoWaysBeforeTheFileShowedItsSeparatorsIsLeftOut() throws IOException {
        RowResult r = map("Acme,acme.io,,\"1,200\"\n").get(0);

        assertThat(r.warnings()).extracting(Issue::code).containsExactly(ErrorCode.AMBIGUOUS_NUMBER);
        assertThat(r.warnings().get(0).message()).isEqualTo("number '1,200' in column Number of employees is"
                + " ambiguous: 1.2 with ',' as decimal separator or 1200 with ',' grouping thousands, and no earlier"
                + " value of the file shows which; value left out");
        assertThat(r.record().properties()).doesNotContainKey("numberofemployees");
    }

    @Test
    void employeeCountsAreReadInTheConventionAnEarlierRowProved() throws IOException {
        List<RowResult> results = map("Acme,acme.io,,\"12,5\"\nBeta,beta.io,,1.200\nGamma,gamma.io,,1 234\n");

        assertThat(results).allSatisfy(r -> assertThat(r.warnings()).isEmpty());
        assertThat(results).extracting(r -> r.record().properties().get("numberofemployees"))
                .containsExactly("12.5", "1200", "1234");
    }
}
