package io.crmbridge.validation;

import com.sanctionco.jmail.EmailValidationResult;
import com.sanctionco.jmail.FailureReason;
import com.sanctionco.jmail.JMail;

import java.util.Locale;

/**
 * V2 email syntax check: RFC 5322 by the JMail library ({@link JMail#strictValidator()}, which
 * also requires a top-level domain and refuses IP-literal domains and explicit source routes:
 * HubSpot contacts need a routable domain). The address is trimmed and lower-cased before the
 * check, so the valid value is the form to use as the contact's unique key. Reserved domains such
 * as example.com are syntactically valid here; {@link DomainNormalizer} decides what they mean.
 * Thread-safe.
 */
public final class EmailValidator {

    private final com.sanctionco.jmail.EmailValidator jmail = JMail.strictValidator();

    /**
     * Checks one address.
     *
     * @param raw the address as found in the source, may be null
     * @return the trimmed, lower-cased address, or invalid with "empty" for null/blank input, or
     *         invalid with the JMail failure reason in words ("missing @", "invalid domain: ...")
     */
    public ValueCheck check(String raw) {
        if (raw == null || raw.isBlank()) {
            return ValueCheck.invalid("empty");
        }
        String candidate = raw.trim().toLowerCase(Locale.ROOT);
        EmailValidationResult result = jmail.validate(candidate);
        if (result.isSuccess()) {
            return ValueCheck.ok(candidate);
        }
        return ValueCheck.invalid(describe(result.getFailureReason()));
    }

    private static String describe(FailureReason reason) {
        if (FailureReason.MISSING_AT_SYMBOL.equals(reason)) {
            return "missing @";
        }
        if (FailureReason.MULTIPLE_AT_SYMBOLS.equals(reason)) {
            return "more than one @";
        }
        String words = String.valueOf(reason).toLowerCase(Locale.ROOT).replace('_', ' ');
        // Domain-side failures are grouped under one prefix so reports can be filtered by it.
        return words.contains("domain") || words.contains("top level") ? "invalid domain: " + words : words;
    }
}
