package io.crmbridge.sales.campaign;

import java.util.Locale;

/**
 * Why a campaign leaves a client out, or removes a product from its recommendations (PRODUCT.md W5;
 * docs/campaigns.md lists them). The code is the lower-case name, as the log, the report and the API show it.
 */
public enum ExclusionReason {
    /** The client's segment is in {@code crm-bridge.sales.campaigns.never-mailed}. */
    SEGMENT_NEVER_MAILED(true),
    /** The client has no e-mail, or one that is not a valid address. */
    NO_VALID_EMAIL(true),
    /** The contact unsubscribed from e-mails in Brevo ({@code emailBlacklisted}). */
    BLACKLISTED(true),
    /** The client already received {@code crm-bridge.sales.campaigns.max-per-client} campaign mails this period. */
    MAIL_CAP_REACHED(true),
    /** Once the guardrails removed what they must, nothing is left to recommend or suggest. */
    NOTHING_TO_RECOMMEND(true),
    /** A member of the segment's Brevo list whose current segment is another one (the list lags the scoring). */
    SEGMENT_CHANGED(true),
    /** A recommendation the client already bought, removed (the client stays). */
    PRODUCT_ALREADY_BOUGHT(false),
    /** A recommendation or rebuy suggestion withdrawn from sale, removed (the client stays). */
    PRODUCT_WITHDRAWN(false);

    private final boolean excludesClient;

    ExclusionReason(boolean excludesClient) {
        this.excludesClient = excludesClient;
    }

    /** True when the client is left out of the campaign, false when only a product was removed. */
    public boolean excludesClient() {
        return excludesClient;
    }

    /** The lower-case code ({@code mail_cap_reached}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
