package io.crmbridge.sales.campaign;

import io.crmbridge.brevo.BrevoGateway;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Brevo e-mail template per segment equal to the project's {@link CampaignMail}: found by its name
 * ({@value #NAME_PREFIX}{@code <segment>}) in {@code GET /v3/smtp/templates} (pages of {@code limit}/{@code offset},
 * {@code count}), updated with {@code PUT /v3/smtp/templates/{id}} (204) when it exists, else created with
 * {@code POST /v3/smtp/templates {templateName, subject, sender, htmlContent, isActive: true}} (201 {@code {"id"}};
 * developers.brevo.com/reference/create-smtp-template: templates are inactive unless {@code isActive} is true).
 */
public class CampaignTemplates {

    /** The names crm-bridge gives its templates: this prefix and the segment. */
    public static final String NAME_PREFIX = "crm-bridge rfm ";
    private static final Logger LOG = LoggerFactory.getLogger(CampaignTemplates.class);
    private static final int PAGE = 50;

    private final BrevoGateway gateway;
    private final String senderName;
    private final String senderEmail;

    public CampaignTemplates(BrevoGateway gateway, String senderName, String senderEmail) {
        this.gateway = gateway;
        this.senderName = senderName;
        this.senderEmail = senderEmail;
    }

    /**
     * Creates or updates the segment's template.
     *
     * @return its Brevo id
     * @throws io.crmbridge.brevo.BrevoCallException when Brevo refuses
     */
    public long ensure(CampaignMail mail) {
        String name = NAME_PREFIX + mail.segment();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("templateName", name);
        body.put("subject", mail.subject());
        body.put("sender", Map.of("name", senderName, "email", senderEmail));
        body.put("htmlContent", mail.html());
        body.put("isActive", true);
        OptionalLong existing = find(name);
        if (existing.isPresent()) {
            gateway.send("PUT", "/v3/smtp/templates/" + existing.getAsLong(), body);
            return existing.getAsLong();
        }
        long id = gateway.post("/v3/smtp/templates", body).path("id").asLong();
        LOG.info("Created Brevo template '{}' (id {})", name, id);
        return id;
    }

    private OptionalLong find(String name) {
        return gateway.findIdByName("/v3/smtp/templates", "templates", name, PAGE);
    }
}
