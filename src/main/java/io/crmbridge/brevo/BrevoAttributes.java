package io.crmbridge.brevo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the contact attributes crm-bridge writes when the account lacks them: Brevo ignores attributes it
 * does not know on import (developers.brevo.com/reference/import-contacts). Reads
 * {@code GET /v3/contacts/attributes} and creates each missing one with
 * {@code POST /v3/contacts/attributes/normal/{name} {"type"}}. Checked once per process.
 */
public class BrevoAttributes {

    private static final Logger LOG = LoggerFactory.getLogger(BrevoAttributes.class);

    private final BrevoGateway gateway;
    private boolean ensured;

    public BrevoAttributes(BrevoGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * @param wanted attribute name (upper case) to Brevo type ({@code text}, {@code float}, {@code date})
     * @throws BrevoCallException when Brevo refuses to read or create them
     */
    public synchronized void ensure(Map<String, String> wanted) {
        if (ensured) {
            return;
        }
        Set<String> present = new HashSet<>();
        for (JsonNode a : gateway.get("/v3/contacts/attributes").path("attributes")) {
            present.add(a.path("name").asText().toUpperCase(Locale.ROOT));
        }
        wanted.forEach((name, type) -> {
            if (!present.contains(name)) {
                gateway.post("/v3/contacts/attributes/normal/" + name, Map.of("type", type));
                LOG.info("Created Brevo contact attribute {} ({})", name, type);
            }
        });
        ensured = true;
    }
}
