package io.crmbridge.sandbox.brevo;

/**
 * An e-mail template of the sandbox's Brevo account ({@code POST /v3/smtp/templates},
 * developers.brevo.com/reference/create-smtp-template).
 *
 * @param id          Brevo's template id
 * @param name        {@code templateName}
 * @param subject     subject line, may hold {@code {{ contact.NAME }}} placeholders
 * @param senderName  sender display name, or null
 * @param senderEmail sender e-mail
 * @param htmlContent HTML body with {@code {{ contact.NAME }}} placeholders
 * @param active      {@code isActive}: Brevo creates templates inactive unless told otherwise
 */
public record BrevoTemplate(long id, String name, String subject, String senderName, String senderEmail,
                            String htmlContent, boolean active) {
}
