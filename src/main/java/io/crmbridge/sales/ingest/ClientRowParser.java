package io.crmbridge.sales.ingest;

import io.crmbridge.ledger.ContentHash;
import io.crmbridge.model.ErrorCode;
import io.crmbridge.model.Issue;
import io.crmbridge.sales.store.LedgerClient;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.PhoneNormalizer;
import io.crmbridge.validation.ValueCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A row of a {@code clients} export ({@code client_code, nom, prenom, email, telephone, adresse,
 * code_postal, ville, pays}) to a {@link LedgerClient}. {@code client_code} is required; a bad
 * email or phone is left out with a warning ({@code INVALID_OPTIONAL_EMAIL}, {@code INVALID_PHONE});
 * phones become E.164, read in the row's country, else in region FR (the phone normaliser given).
 */
public final class ClientRowParser {

    private final EmailValidator emails;
    private final PhoneNormalizer phones;

    /** @param phones a normaliser whose default region is FR (the merchant's exports are French) */
    public ClientRowParser(EmailValidator emails, PhoneNormalizer phones) {
        this.emails = emails;
        this.phones = phones;
    }

    /** Normalises one row; {@code importId} and {@code now} stamp the client. */
    public ParsedRow<LedgerClient> parse(LedgerRow row, long importId, Instant now) {
        Issue codeProblem = row.requiredTextProblem("client_code", 64);
        if (codeProblem != null) {
            return ParsedRow.rejected(codeProblem);
        }
        String code = LedgerValues.label(row.get("client_code"));
        List<Issue> warnings = new ArrayList<>();
        String email = row.optionalEmail("email", emails, warnings);
        String country = row.optionalText("pays", 128, warnings);
        String phone = null;
        if (row.get("telephone") != null) {
            ValueCheck p = phones.normalize(row.get("telephone"), country);
            if (p.isValid()) {
                phone = p.value();
            } else {
                warnings.add(ErrorCode.INVALID_PHONE.issue(row.get("telephone"), "telephone", p.problem()));
            }
        }
        String lastName = row.optionalText("nom", 256, warnings);
        String firstName = row.optionalText("prenom", 256, warnings);
        String address = row.optionalText("adresse", 1024, warnings);
        String postalCode = LedgerValues.postalCode(row.optionalText("code_postal", 16, warnings), country);
        String city = row.optionalText("ville", 256, warnings);
        String hash = ContentHash.ofValues(Arrays.asList(code, lastName, firstName, email, phone, address, postalCode,
                city, country));
        return ParsedRow.of(new LedgerClient(code, lastName, firstName, email, phone, address, postalCode, city,
                country, hash, importId, now), warnings);
    }
}
