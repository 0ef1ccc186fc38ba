package io.crmbridge.model;

/**
 * Every reason code crm-bridge reports, with its severity and message template. Messages are
 * {@link String#format} templates; they never contain the HubSpot token.
 */
public enum ErrorCode {
    // Row rejections (V1-V6, I3)
    MISSING_REQUIRED(Severity.REJECT, "missing required field: %s"),
    INVALID_EMAIL(Severity.REJECT, "invalid email address '%s': %s"),
    INVALID_DOMAIN(Severity.REJECT, "website '%s' has no usable domain"),
    DUPLICATE_IN_FILE(Severity.REJECT, "duplicate of row %s (same %s '%s'); the first row wins"),
    MALFORMED_ROW(Severity.REJECT, "malformed CSV row: %s"),
    FREE_MAIL_DOMAIN(Severity.REJECT, "website '%s' is a free-mail or reserved domain and the row has no company name: not a company"),
    // a dead-letter row dropped back exactly as crm-bridge wrote it keeps its rejection (R2)
    UNCHANGED_SINCE_DEAD_LETTER(Severity.REJECT,
            "unchanged since it was dead-lettered (%s: %s); edit the row to import it"),
    ROW_PROCESSING_ERROR(Severity.REJECT, "row could not be processed: %s"),
    // a required value that is present but unusable (sales ledger, W1: a date, an amount, a quantity)
    INVALID_VALUE(Severity.REJECT, "invalid %s '%s' in column %s: %s"),
    // Preflight against the portal's schema (V7): HubSpot would refuse the value (hubspot-api.md §6)
    INVALID_OPTION(Severity.REJECT, "'%s' is not an allowed option of %s (allowed: %s)"),
    // Preflight against the portal's property validation rules (P1, hubspot-api.md §10.3): property, value, problem, rule
    VALIDATION_RULE(Severity.REJECT, "%s '%s' %s: it breaks the portal's property validation rule %s"),
    // Warnings: an optional value was dropped from the record, and the row kept
    INVALID_PHONE(Severity.WARNING, "phone '%s' in column %s is not valid (%s); value left out"),
    INVALID_DATE(Severity.WARNING, "date '%s' in column %s is not a valid date (%s); value left out"),
    INVALID_OPTIONAL_EMAIL(Severity.WARNING, "email '%s' in column %s is invalid; value left out"),
    INVALID_WEBSITE(Severity.WARNING, "website '%s' gives no usable company domain (%s); value left out"),
    INVALID_NUMBER(Severity.WARNING, "value '%s' in column %s is not a number; value left out"),
    // a single separator before exactly 3 digits (1.200) while the file has not shown its decimal separator
    AMBIGUOUS_NUMBER(Severity.WARNING,
            "number '%s' in column %s is ambiguous: %s, and no earlier value of the file shows which; value left out"),
    VALUE_TOO_LONG(Severity.WARNING, "value '%s' in column %s is longer than %s characters; value left out"),
    QUOTE_IN_UNQUOTED_VALUE(Severity.WARNING,
            "value '%s' in column %s has a quote inside unquoted text; the quote is kept as a character"),
    UNMAPPED_VALUE(Severity.WARNING, "value '%s' in column %s has no configured mapping; value left out"),
    INVALID_CONTACT_OPTION(Severity.WARNING,
            "'%s' is not an allowed option of contact property %s (allowed: %s); value left out of the row's contact"),
    CONTACT_VALIDATION_RULE(Severity.WARNING,
            "contact %s '%s' %s: it breaks the portal's property validation rule %s; value left out of the row's contact"),
    // Failures: HubSpot refused or could not be reached (L3, L5)
    HUBSPOT_REJECTED(Severity.FAILURE, "HubSpot rejected the record: %s"),
    // HubSpot refused the write for one of the portal's admin rules (P1, hubspot-api.md §10.3): HubSpot's message
    PORTAL_RULE(Severity.FAILURE, "HubSpot refused the record for one of the portal's rules: %s"),
    HUBSPOT_UNAVAILABLE(Severity.FAILURE, "HubSpot could not be reached after redelivery: %s"),
    HUBSPOT_AUTH(Severity.FAILURE, "HubSpot refused the access token or its scopes, nothing more is sent for this file: %s"),
    DELIVERY_ERROR(Severity.FAILURE, "the record could not be delivered: %s"),
    // Push of scored clients to Brevo (W3)
    BREVO_REJECTED(Severity.FAILURE, "Brevo rejected the contact: %s"),
    BREVO_UNAVAILABLE(Severity.FAILURE, "Brevo could not be reached after redelivery: %s");

    private final Severity severity;
    private final String template;

    ErrorCode(Severity severity, String template) {
        this.severity = severity;
        this.template = template;
    }

    public Severity severity() {
        return severity;
    }

    /** Formats this code's message template with the given arguments into an {@link Issue}. */
    public Issue issue(Object... args) {
        return new Issue(this, String.format(template, args));
    }
}
