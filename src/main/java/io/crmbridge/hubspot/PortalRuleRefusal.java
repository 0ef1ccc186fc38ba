package io.crmbridge.hubspot;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells a write HubSpot refused for one of the portal's admin rules (PRODUCT.md P1; hubspot-api.md §10.3: from the
 * 2026-09 API on, conditional required properties, the required fields of the "create record" form and user-level
 * association permissions) from any other refusal, by HubSpot's error: a top-level {@code Error} body or a batch
 * {@code StandardError} (§1.4).
 *
 * <p>HubSpot answers such a breach {@code 400} with {@code category: VALIDATION_ERROR} (§10.3), the category of
 * every refused value too (§6), and documents no {@code subCategory} for it, so the message decides:
 * <ul>
 *   <li>a required property missing: HubSpot's wording for it, "... The following required properties were missing:
 *       [...]" (§6), or an entry of the "Property values were not valid: [...]" list whose {@code error} code names a
 *       required property ({@code MISSING_REQUIRED_PROPERTY}, ...);</li>
 *   <li>an association permission: a message that speaks of a permission and of an association.</li>
 * </ul>
 * A value HubSpot refuses for its format ({@code INVALID_EMAIL}, {@code INVALID_OPTION}, a property validation
 * rule ...) is not an admin rule: it stays a rejection of the record's content.
 */
public final class PortalRuleRefusal {

    private static final Pattern REQUIRED_MISSING = Pattern.compile("required propert(y|ies) (was|were|is|are) missing");
    private static final Pattern REQUIRED_ERROR_CODE = Pattern.compile("\"error\"\\s*:\\s*\"[A-Z_]*REQUIRED[A-Z_]*\"");

    private PortalRuleRefusal() {
    }

    /**
     * Whether HubSpot's error of this {@code category} and {@code message} refuses the write for an admin rule.
     *
     * @param category HubSpot's {@code category}, or null
     * @param message  HubSpot's {@code message}, or null
     */
    public static boolean isPortalRule(String category, String message) {
        if (!"VALIDATION_ERROR".equals(category) || message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return REQUIRED_MISSING.matcher(lower).find() || REQUIRED_ERROR_CODE.matcher(message).find()
                || lower.contains("permission") && lower.contains("associat");
    }
}
