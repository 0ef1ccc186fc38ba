package io.crmbridge.sandbox;

import java.util.List;

/**
 * The API version a request's path speaks: {@code v3} for the legacy {@code /crm/v3} and {@code /crm/v4} paths,
 * else the date of a date-based path ({@code 2026-03}, {@code 2026-09}; hubspot-api.md §10.1). The versions
 * answer a batch with failed inputs differently (§10.2), and the sandbox answers as the version asked.
 *
 * @param name {@code v3} or {@code yyyy-MM}
 */
record ApiVersion(String name) {

    static final ApiVersion LEGACY = new ApiVersion("v3");

    /** The first version whose batch answers carry failed inputs in a 200/201 body: hubspot-api.md §10.2. */
    private static final String ERRORS_IN_SUCCESS_BODY = "2026-09";
    /** The first version whose writes meet the portal's admin rules: hubspot-api.md §10.3. */
    private static final String ADMIN_RULES_FROM = "2026-09";

    /** The version of a path split into segments ({@code crm, objects, 2026-09, ...}); {@code v3} when none is dated. */
    static ApiVersion of(List<String> segments) {
        return segments.stream().filter(ApiVersion::isDated).findFirst().map(ApiVersion::new).orElse(LEGACY);
    }

    static boolean isDated(String segment) {
        return segment.matches("\\d{4}-\\d{2}");
    }

    /**
     * Whether a batch with failed inputs answers 207 Multi-Status: v3/v4 and 2026-03 do; from 2026-09 the documents
     * declare no 207 and the 200/201 body carries {@code errors} and {@code numErrors} (hubspot-api.md §10.2).
     */
    boolean multiStatus() {
        return !isDated(name) || name.compareTo(ERRORS_IN_SUCCESS_BODY) < 0;
    }

    /**
     * Whether writes meet the portal's admin rules (conditional required properties, required create-form fields):
     * enforced on API writes from 2026-09 on, ignored before (hubspot-api.md §10.3).
     */
    boolean enforcesAdminRules() {
        return isDated(name) && name.compareTo(ADMIN_RULES_FROM) >= 0;
    }

    /** The success status of a properties {@code batch/create}: 201 in v3 and 2026-03, 200 from 2026-09 (the documents). */
    int propertyBatchCreateStatus() {
        return multiStatus() ? 201 : 200;
    }

    /** The success status of association {@code batch/create}: 201 in v4 and 2026-03, 200 from 2026-09 (§10.2). */
    int associationCreateStatus() {
        return multiStatus() ? 201 : 200;
    }
}
