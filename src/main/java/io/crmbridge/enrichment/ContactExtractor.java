package io.crmbridge.enrichment;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.ValueCheck;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E1: emails and phone numbers pulled out of free text such as a ticket description, in French
 * or English ("Je suis Sari Wijaya (sari.wijaya@indonesiafinance.co.id) - Tél: +622345678901").
 *
 * <p>Emails: candidate tokens found by a permissive pattern, each confirmed by
 * {@link EmailValidator} (RFC 5322 via JMail), so a token like "{product_purchased}@" never
 * counts. Phones: {@link PhoneNumberUtil#findNumbers} with {@link Leniency#VALID}, which only
 * reports numbers that libphonenumber deems valid for their region and that are not embedded in
 * longer digit runs; numbers without "+" are read in the default region. +622345678901 (Indonesia,
 * fixed line) is valid at this leniency, so no looser setting is needed. Thread-safe.
 */
public final class ContactExtractor {

    // Permissive on purpose: the validator decides. Letters include accents (IDN domains).
    private static final Pattern EMAIL_CANDIDATE = Pattern.compile(
            "[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");

    private final PhoneNumberUtil phoneUtil = PhoneNumberUtil.getInstance();
    private final EmailValidator emails;
    private final String defaultRegion;

    /**
     * @param emails        the email validator confirming candidates
     * @param defaultRegion ISO 3166-1 alpha-2 region for numbers written without "+", e.g. "FR";
     *                      null means only international numbers are found
     */
    public ContactExtractor(EmailValidator emails, String defaultRegion) {
        this.emails = emails;
        this.defaultRegion = defaultRegion == null ? "ZZ" : defaultRegion.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * @param text free text, may be null
     * @return the emails and phones found, each de-duplicated in order of appearance (never null)
     */
    public ExtractedContacts extract(String text) {
        if (text == null || text.isBlank()) {
            return new ExtractedContacts(List.of(), List.of());
        }
        return new ExtractedContacts(List.copyOf(findEmails(text)), List.copyOf(findPhones(text)));
    }

    private Set<String> findEmails(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = EMAIL_CANDIDATE.matcher(text);
        while (matcher.find()) {
            // Sentence punctuation glued to the address ("write to a@b.com.") is not part of it.
            String candidate = matcher.group().replaceAll("^[.'-]+|[.'-]+$", "");
            ValueCheck check = emails.check(candidate);
            if (check.isValid()) {
                found.add(check.value());
            }
        }
        return found;
    }

    private Set<String> findPhones(String text) {
        Set<String> found = new LinkedHashSet<>();
        for (PhoneNumberMatch match : phoneUtil.findNumbers(text, defaultRegion, Leniency.VALID, Long.MAX_VALUE)) {
            found.add(phoneUtil.format(match.number(), PhoneNumberFormat.E164));
        }
        return found;
    }
}
