package io.crmbridge.sales.campaign;

import java.util.List;

/**
 * A client a campaign mails, with what its mail carries once the guardrails ran.
 *
 * @param clientCode      the merchant's client code
 * @param email           lower-cased valid e-mail
 * @param firstName       given name, or null
 * @param recommendations co-purchase recommendations, best first, none already bought or withdrawn
 * @param rebuy           rebuy suggestions, most overdue first, none withdrawn
 */
public record CampaignRecipient(String clientCode, String email, String firstName, List<String> recommendations,
                                List<String> rebuy) {

    public CampaignRecipient {
        recommendations = List.copyOf(recommendations);
        rebuy = List.copyOf(rebuy);
    }
}
