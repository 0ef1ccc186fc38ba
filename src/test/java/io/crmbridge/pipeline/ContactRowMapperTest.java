package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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

class ContactRowMapperTest {

    private static final String HEADER = "First Name,Last Name,Email,Phone,Company,Country,Website\n";

    @TempDir
    Path dir;

    private List<RowResult> map(String rows) throws IOException {
        return new RowMapping(dir).map(ObjectType.CONTACTS, "contacts.csv", HEADER + rows);
    }

    @Test
    void rejectsRowWithInvalidEmail() throws IOException {
        RowResult r = map("Ada,Lovelace,ada.example.com,,,,\n").get(0);

        assertThat(r.isRejected()).isTrue();
        assertThat(r.record()).isNull();
        assertThat(r.rejection().code()).isEqualTo(ErrorCode.INVALID_EMAIL);
        assertThat(r.rejection().message()).contains("ada.example.com");
    }

    @Test
    void keysContactByLowerCasedEmail() throws IOException {
        RowResult r = map("Grace,Hopper,Grace.Hopper@Navy.mil,,,,\n").get(0);

        assertThat(r.isRejected()).isFalse();
        assertThat(r.record().idProperty()).isEqualTo("email");
        assertThat(r.record().key()).isEqualTo("grace.hopper@navy.mil");
        assertThat(r.record().properties()).containsEntry("email", "grace.hopper@navy.mil")
                .containsEntry("firstname", "Grace").containsEntry("lastname", "Hopper")
                .doesNotContainKey(PropertyMapping.KEY_PROPERTY);
    }

    @Test
    void contactWithoutEmailButBothNamesIsKeyedByCrmBridgeKey() throws IOException {
        RowResult r = map("Alan,Turing,,,Bletchley Park,,\n").get(0);

        assertThat(r.isRejected()).isFalse();
        assertThat(r.record().idProperty()).isEqualTo(PropertyMapping.KEY_PROPERTY);
        assertThat(r.record().key()).isEqualTo("name:alan|turing|bletchley park");
        assertThat(r.record().properties()).containsEntry(PropertyMapping.KEY_PROPERTY, r.record().key())
                .doesNotContainKey("email");
    }

    @Test
    void contactWithoutEmailAndOneNameIsRejectedMissingRequired() throws IOException {
        RowResult r = map("Alan,,,,,,\n").get(0);

        assertThat(r.rejection().code()).isEqualTo(ErrorCode.MISSING_REQUIRED);
    }

    @Test
    void duplicateEmailIsRejectedNamingTheFirstRow() throws IOException {
        List<RowResult> results = map("Someone,Else,other@example.org,,,,\n"
                + "Grace,Hopper,grace@navy.mil,,,,\n"
                + "G.,Hopper,GRACE@navy.mil,,,,\n");

        assertThat(results.get(0).isRejected()).isFalse();
        assertThat(results.get(1).isRejected()).isFalse();
        Issue duplicate = results.get(2).rejection();
        assertThat(duplicate.code()).isEqualTo(ErrorCode.DUPLICATE_IN_FILE);
        assertThat(duplicate.message()).contains("row 2").contains("grace@navy.mil");
    }

    @Test
    void invalidPhoneIsAWarningAndLeftOut() throws IOException {
        RowResult r = map("Bob,Builder,bob@builder.org,12,,,\n").get(0);

        assertThat(r.isRejected()).isFalse();
        assertThat(r.warnings()).extracting(Issue::code).containsExactly(ErrorCode.INVALID_PHONE);
        assertThat(r.warnings().get(0).message()).contains("'12'").contains("Phone");
        assertThat(r.record().properties()).doesNotContainKey("phone");
    }

    @Test
    void validPhoneIsNormalisedInTheRowsCountry() throws IOException {
        RowResult r = map("Marie,Curie,marie@curie.fr,01 42 34 56 78,,France,\n").get(0);

        assertThat(r.warnings()).isEmpty();
        assertThat(r.record().properties()).containsEntry("phone", "+33142345678");
    }

    @Test
    void linksToTheCompanyByNameFirst() throws IOException {
        RowResult r = map("Ada,Lovelace,ada@analytical.co.uk,,Analytical  Engines,,\n").get(0);

        assertThat(r.links()).containsExactly(new Link(ObjectType.CONTACTS, "ada@analytical.co.uk",
                ObjectType.COMPANIES, "name:analytical engines", 279));
    }

    @Test
    void linksByEmailDomainButNeverByFreeMail() throws IOException {
        List<RowResult> results = map("Ada,Lovelace,ada@analytical.co.uk,,,,\n"
                + "Bob,Smith,bob@gmail.com,,,,\n"
                + "Carl,Jones,carl@gmail.com,,,,https://www.jones-shop.com/\n");

        assertThat(results.get(0).links()).extracting(Link::toKey).containsExactly("domain:analytical.co.uk");
        assertThat(results.get(1).links()).isEmpty();
        assertThat(results.get(2).links()).extracting(Link::toKey).containsExactly("domain:jones-shop.com");
    }
}
