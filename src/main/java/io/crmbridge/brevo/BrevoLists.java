package io.crmbridge.brevo;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Brevo contact lists by name, creating them when missing (developers.brevo.com/reference:
 * {@code GET /v3/contacts/lists} pages of at most 50 with {@code limit}/{@code offset} and {@code count};
 * {@code POST /v3/contacts/lists {name, folderId}} → 201 {@code {"id"}}; a list needs a folder, found by name
 * in {@code GET /v3/contacts/folders} or created with {@code POST /v3/contacts/folders {name}}). Ids are
 * remembered for the life of the process.
 */
public class BrevoLists {

    private static final Logger LOG = LoggerFactory.getLogger(BrevoLists.class);
    private static final int PAGE = 50;

    private final BrevoGateway gateway;
    private final Map<String, Long> known = new ConcurrentHashMap<>();

    public BrevoLists(BrevoGateway gateway) {
        this.gateway = gateway;
    }

    /** The name of a segment's list: {@code brevo.list-prefix} and the segment. */
    public String nameOf(String segment) {
        return gateway.settings().listPrefix() + segment;
    }

    /**
     * The id of the list named {@code name}, created in the configured folder when the account has none.
     *
     * @throws BrevoCallException when Brevo refuses to list or create
     */
    public synchronized long listId(String name) {
        Long cached = known.get(name);
        if (cached != null) {
            return cached;
        }
        long id = find("/v3/contacts/lists", "lists", name).orElseGet(() -> {
            long folder = folderId();
            long created = gateway.post("/v3/contacts/lists", Map.of("name", name, "folderId", folder)).path("id").asLong();
            LOG.info("Created Brevo list '{}' (id {})", name, created);
            return created;
        });
        known.put(name, id);
        return id;
    }

    /** Forgets the remembered id of {@code name}, after Brevo said the list no longer exists. */
    public void forget(String name) {
        known.remove(name);
    }

    private long folderId() {
        String name = gateway.settings().folderName();
        return find("/v3/contacts/folders", "folders", name).orElseGet(() -> {
            long created = gateway.post("/v3/contacts/folders", Map.of("name", name)).path("id").asLong();
            LOG.info("Created Brevo folder '{}' (id {})", name, created);
            return created;
        });
    }

    private OptionalLong find(String path, String key, String name) {
        return gateway.findIdByName(path, key, name, PAGE);
    }
}
