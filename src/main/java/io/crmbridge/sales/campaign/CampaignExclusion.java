package io.crmbridge.sales.campaign;

/**
 * A client left out of a campaign, or a product removed from a recipient's mail.
 *
 * @param clientCode the merchant's client code
 * @param email      its e-mail as known, or null
 * @param reason     why
 * @param detail     what exactly (the product removed, the e-mail's problem, the mails already received), or null
 */
public record CampaignExclusion(String clientCode, String email, ExclusionReason reason, String detail) {
}
