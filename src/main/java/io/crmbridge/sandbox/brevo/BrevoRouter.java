package io.crmbridge.sandbox.brevo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sanctionco.jmail.JMail;
import io.crmbridge.sandbox.QueryParameters;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Maps method and path to the contacts endpoints of Brevo's API v3 that crm-bridge uses, with Brevo's
 * shapes (developers.brevo.com/reference): folders ({@code GET}/{@code POST /v3/contacts/folders}), lists
 * ({@code GET}/{@code POST /v3/contacts/lists}, {@code DELETE /v3/contacts/lists/{id}},
 * {@code GET /v3/contacts/lists/{id}/contacts}), attributes
 * ({@code GET /v3/contacts/attributes}, {@code POST /v3/contacts/attributes/{category}/{name}}), the import
 * ({@code POST /v3/contacts/import} → 202 {@code {"processId"}}), {@code GET /v3/processes/{id}} and
 * {@code GET /v3/contacts/{email}}; e-mail templates ({@code GET}/{@code POST /v3/smtp/templates} → 201
 * {@code {"id"}}, {@code PUT /v3/smtp/templates/{id}} → 204, developers.brevo.com/reference/create-smtp-template)
 * and e-mail campaigns ({@code GET}/{@code POST /v3/emailCampaigns} → 201 {@code {"id"}},
 * {@code GET /v3/emailCampaigns/{campaignId}} → 200 or 404,
 * developers.brevo.com/reference/create-email-campaign: {@code recipients.listIds} mandatory with
 * {@code scheduledAt}, a {@code templateId} or an {@code htmlContent}). Pages take {@code limit} (at most 50 for folders and lists, 500 for
 * contacts: 400 {@code out_of_range} above) and {@code offset}. Imports complete at once; an import whose
 * {@code jsonBody} holds an entry without a valid email is refused as a whole with 400
 * {@code invalid_parameter} naming the entry (the sandbox's strictness: Brevo documents 400 for the endpoint,
 * the real service may instead skip such entries in its background process).
 */
final class BrevoRouter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_LIST_PAGE = 50;
    private static final int MAX_CONTACT_PAGE = 500;
    private static final Set<String> ATTRIBUTE_TYPES = Set.of("text", "date", "float", "boolean", "id", "category");

    private final BrevoAccount account;

    BrevoRouter(BrevoAccount account) {
        this.account = account;
    }

    BrevoAnswer route(String method, String path, QueryParameters query, Supplier<JsonNode> body) {
        List<String> s = Arrays.asList(path.replaceAll("^/+|/+$", "").split("/+"));
        if (s.size() >= 2 && "v3".equals(s.get(0)) && "contacts".equals(s.get(1))) {
            List<String> rest = s.subList(2, s.size());
            if (rest.equals(List.of("folders"))) {
                return "GET".equals(method) ? folders(query) : post(method, () -> createFolder(body.get()));
            }
            if (rest.equals(List.of("lists"))) {
                return "GET".equals(method) ? lists(query) : post(method, () -> createList(body.get()));
            }
            if (rest.size() == 2 && "lists".equals(rest.get(0)) && "DELETE".equals(method)) {
                if (!account.deleteList(id(rest.get(1), "List"))) {
                    throw BrevoError.notFound("List ID does not exist");
                }
                return new BrevoAnswer(204, null);
            }
            if (rest.size() == 3 && "lists".equals(rest.get(0)) && "contacts".equals(rest.get(2)) && "GET".equals(method)) {
                return listContacts(id(rest.get(1), "List"), query);
            }
            if (rest.equals(List.of("attributes")) && "GET".equals(method)) {
                return attributes();
            }
            if (rest.size() == 3 && "attributes".equals(rest.get(0)) && "POST".equals(method)) {
                return createAttribute(rest.get(1), rest.get(2), body.get());
            }
            if (rest.equals(List.of("import")) && "POST".equals(method)) {
                return importContacts(body.get());
            }
            if (rest.size() == 1 && "GET".equals(method)) {
                return new BrevoAnswer(200, contactJson(account.contact(rest.get(0))
                        .orElseThrow(() -> BrevoError.notFound("Contact does not exist"))));
            }
        }
        if (s.size() >= 3 && "v3".equals(s.get(0)) && "smtp".equals(s.get(1)) && "templates".equals(s.get(2))) {
            if (s.size() == 3) {
                return "GET".equals(method) ? templates(query) : post(method, () -> createTemplate(body.get()));
            }
            if (s.size() == 4 && "PUT".equals(method)) {
                return updateTemplate(id(s.get(3), "Template"), body.get());
            }
        }
        if (s.size() == 2 && "v3".equals(s.get(0)) && "emailCampaigns".equals(s.get(1))) {
            return "GET".equals(method) ? campaigns(query) : post(method, () -> createCampaign(body.get()));
        }
        if (s.size() == 3 && "v3".equals(s.get(0)) && "emailCampaigns".equals(s.get(1)) && "GET".equals(method)) {
            return campaign(id(s.get(2), "Campaign"), query);
        }
        if (s.size() == 3 && "v3".equals(s.get(0)) && "processes".equals(s.get(1)) && "GET".equals(method)) {
            long id = id(s.get(2), "Process");
            String status = account.processStatus(id).orElseThrow(() -> BrevoError.notFound("Process does not exist"));
            ObjectNode process = NODES.objectNode();
            process.put("id", id);
            process.put("status", status);
            process.put("name", "import");
            return new BrevoAnswer(200, process);
        }
        throw new BrevoError(404, "document_not_found", "No route for " + method + " " + path);
    }

    private static BrevoAnswer post(String method, Supplier<BrevoAnswer> action) {
        if (!"POST".equals(method)) {
            throw new BrevoError(405, "method_not_allowed", "Method " + method + " is not allowed");
        }
        return action.get();
    }

    private BrevoAnswer folders(QueryParameters query) {
        List<ObjectNode> all = new ArrayList<>();
        account.folders().forEach((id, name) -> {
            ObjectNode f = NODES.objectNode();
            f.put("id", id);
            f.put("name", name);
            f.put("totalBlacklisted", 0);
            f.put("totalSubscribers", 0);
            f.put("uniqueSubscribers", 0);
            all.add(f);
        });
        return page("folders", all, query, MAX_LIST_PAGE);
    }

    private BrevoAnswer createFolder(JsonNode body) {
        String name = text(body, "name");
        if (name == null) {
            throw BrevoError.missing("name is missing");
        }
        return created(account.createFolder(name));
    }

    private BrevoAnswer lists(QueryParameters query) {
        List<ObjectNode> all = new ArrayList<>();
        for (BrevoList l : account.lists()) {
            ObjectNode node = NODES.objectNode();
            node.put("id", l.id());
            node.put("name", l.name());
            node.put("folderId", l.folderId());
            node.put("uniqueSubscribers", account.listMembers(l.id()).size());
            node.put("totalBlacklisted", 0);
            node.put("totalSubscribers", 0);
            all.add(node);
        }
        return page("lists", all, query, MAX_LIST_PAGE);
    }

    private BrevoAnswer createList(JsonNode body) {
        String name = text(body, "name");
        if (name == null || !body.path("folderId").canConvertToLong()) {
            throw BrevoError.missing(name == null ? "name is missing" : "folderId is missing");
        }
        return created(account.createList(name, body.path("folderId").asLong()));
    }

    private BrevoAnswer listContacts(long listId, QueryParameters query) {
        account.list(listId).orElseThrow(() -> BrevoError.notFound("List ID does not exist"));
        List<ObjectNode> members = new ArrayList<>();
        for (String email : account.listMembers(listId)) {
            members.add(contactJson(account.contact(email).orElseThrow()));
        }
        return page("contacts", members, query, MAX_CONTACT_PAGE);
    }

    private BrevoAnswer attributes() {
        ObjectNode body = NODES.objectNode();
        ArrayNode arr = body.putArray("attributes");
        account.attributes().forEach((name, type) -> {
            ObjectNode a = arr.addObject();
            a.put("name", name);
            a.put("category", "normal");
            a.put("type", type);
        });
        return new BrevoAnswer(200, body);
    }

    private BrevoAnswer createAttribute(String category, String name, JsonNode body) {
        if (!"normal".equals(category)) {
            throw BrevoError.invalid("Only the normal attribute category is supported by the sandbox");
        }
        String type = body.path("type").asText("text");
        if (!ATTRIBUTE_TYPES.contains(type)) {
            throw BrevoError.invalid("Invalid attribute type " + type);
        }
        account.createAttribute(name, type);
        return new BrevoAnswer(201, null);
    }

    private BrevoAnswer importContacts(JsonNode body) {
        JsonNode listIds = body.path("listIds");
        if (!listIds.isArray() || listIds.isEmpty()) {
            throw BrevoError.missing("listIds is missing");
        }
        JsonNode json = body.path("jsonBody");
        if (!json.isArray()) {
            throw BrevoError.missing("jsonBody is missing (the sandbox imports jsonBody only)");
        }
        List<Map.Entry<String, Map<String, Object>>> entries = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            JsonNode entry = json.get(i);
            String email = text(entry, "email");
            if (email == null || !JMail.isValid(email)) {
                throw BrevoError.invalid("Invalid email address in jsonBody[" + i + "]: " + entry.path("email").asText(""));
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            entry.path("attributes").fields().forEachRemaining(f -> attrs.put(f.getKey(),
                    f.getValue().isNumber() ? f.getValue().numberValue() : f.getValue().asText()));
            entries.add(new AbstractMap.SimpleEntry<>(email, attrs));
        }
        List<Long> ids = new ArrayList<>();
        listIds.forEach(id -> ids.add(id.asLong()));
        long process = account.importContacts(entries, ids, body.path("updateExistingContacts").asBoolean(true),
                body.path("emptyContactsAttributes").asBoolean(false));
        ObjectNode answer = NODES.objectNode();
        answer.put("processId", process);
        return new BrevoAnswer(202, answer);
    }

    private BrevoAnswer templates(QueryParameters query) {
        List<ObjectNode> all = new ArrayList<>();
        for (BrevoTemplate t : account.templates()) {
            if (query.first("templateStatus") != null && Boolean.parseBoolean(query.first("templateStatus")) != t.active()) {
                continue;
            }
            all.add(templateJson(t));
        }
        // Brevo answers {"count", "templates"} and pages of at most 1000 (developers.brevo.com/reference/get-smtp-templates)
        return page("templates", all, query, 1000);
    }

    private static ObjectNode templateJson(BrevoTemplate t) {
        ObjectNode node = NODES.objectNode();
        node.put("id", t.id());
        node.put("name", t.name());
        node.put("subject", t.subject());
        node.put("isActive", t.active());
        node.put("testSent", false);
        ObjectNode sender = node.putObject("sender");
        sender.put("name", t.senderName());
        sender.put("email", t.senderEmail());
        node.put("htmlContent", t.htmlContent());
        return node;
    }

    private BrevoAnswer createTemplate(JsonNode body) {
        String name = text(body, "templateName");
        String subject = text(body, "subject");
        String email = text(body.path("sender"), "email");
        if (name == null || subject == null || email == null) {
            throw BrevoError.missing(name == null ? "templateName is missing" : subject == null ? "subject is missing"
                    : "sender is missing");
        }
        String html = checkedHtml(text(body, "htmlContent"), true);
        return created(account.createTemplate(new BrevoTemplate(0, name, subject, text(body.path("sender"), "name"),
                email, html, body.path("isActive").asBoolean(false))));
    }

    private BrevoAnswer updateTemplate(long id, JsonNode body) {
        BrevoTemplate t = account.template(id).orElseThrow(() -> BrevoError.notFound("Template ID does not exist"));
        String html = body.has("htmlContent") ? checkedHtml(text(body, "htmlContent"), true) : t.htmlContent();
        String name = text(body, "templateName");
        String subject = text(body, "subject");
        String senderEmail = text(body.path("sender"), "email");
        String senderName = text(body.path("sender"), "name");
        account.replaceTemplate(new BrevoTemplate(id, name == null ? t.name() : name,
                subject == null ? t.subject() : subject, senderName == null ? t.senderName() : senderName,
                senderEmail == null ? t.senderEmail() : senderEmail, html,
                body.has("isActive") ? body.path("isActive").asBoolean() : t.active()));
        return new BrevoAnswer(204, null);
    }

    /** Brevo wants an HTML body of more than 10 characters (developers.brevo.com/reference/create-smtp-template). */
    private static String checkedHtml(String html, boolean required) {
        if (html == null || html.length() <= 10) {
            if (html == null && !required) {
                return null;
            }
            throw BrevoError.invalid("htmlContent must have more than 10 characters");
        }
        return html;
    }

    private BrevoAnswer campaigns(QueryParameters query) {
        List<ObjectNode> all = new ArrayList<>();
        for (BrevoCampaign c : account.campaigns()) {
            if (query.first("status") != null && !query.first("status").equals(c.status())) {
                continue;
            }
            all.add(campaignJson(c));
        }
        // Brevo pages campaigns by at most 100 (developers.brevo.com/reference/get-email-campaigns)
        return page("campaigns", all, query, 100);
    }

    /**
     * {@code GET /v3/emailCampaigns/{campaignId}} (developers.brevo.com/reference/get-email-campaign): the campaign
     * with its {@code status} by the account's clock, its {@code sentDate} once sent, {@code statistics.globalStats}
     * counted from its deliveries, and its {@code htmlContent} unless {@code excludeHtmlContent=true}; 404
     * {@code document_not_found} for an unknown id.
     */
    private BrevoAnswer campaign(long id, QueryParameters query) {
        BrevoCampaign c = account.campaign(id).orElseThrow(() -> BrevoError.notFound("Campaign ID does not exist"));
        ObjectNode node = campaignJson(c);
        if (!"true".equals(query.first("excludeHtmlContent")) && c.templateId() != null) {
            account.template(c.templateId()).ifPresent(t -> node.put("htmlContent", t.htmlContent()));
        }
        boolean sent = "sent".equals(c.status());
        ObjectNode global = node.putObject("statistics").putObject("globalStats");
        for (String counter : List.of("uniqueClicks", "clickers", "complaints", "softBounces", "hardBounces",
                "uniqueViews", "trackableViews", "unsubscriptions", "viewed")) {
            global.put(counter, 0);
        }
        // the sandbox delivers every mail it sends
        global.put("sent", sent ? c.deliveries().size() : 0);
        global.put("delivered", sent ? c.deliveries().size() : 0);
        return new BrevoAnswer(200, node);
    }

    private static ObjectNode campaignJson(BrevoCampaign c) {
        ObjectNode node = NODES.objectNode();
        node.put("id", c.id());
        node.put("name", c.name());
        node.put("subject", c.subject());
        node.put("type", "classic");
        node.put("status", c.status());
        if (c.scheduledAt() != null) {
            node.put("scheduledAt", c.scheduledAt());
        }
        if (c.sentDate() != null) {
            node.put("sentDate", c.sentDate());
        }
        if (c.templateId() != null) {
            node.put("templateId", c.templateId());
        }
        ObjectNode recipients = node.putObject("recipients");
        c.listIds().forEach(recipients.putArray("lists")::add);
        c.exclusionListIds().forEach(recipients.putArray("exclusionLists")::add);
        return node;
    }

    private BrevoAnswer createCampaign(JsonNode body) {
        String name = text(body, "name");
        String email = text(body.path("sender"), "email");
        if (name == null || email == null) {
            throw BrevoError.missing(name == null ? "name is missing" : "sender is missing");
        }
        Long templateId = body.path("templateId").canConvertToLong() ? body.path("templateId").asLong() : null;
        String html = checkedHtml(text(body, "htmlContent"), false);
        if (templateId == null && html == null) {
            throw BrevoError.missing("htmlContent, htmlUrl or templateId is missing");
        }
        String subject = text(body, "subject");
        if (subject == null && templateId == null) {
            throw BrevoError.missing("subject is missing");
        }
        String scheduledAt = text(body, "scheduledAt");
        if (scheduledAt != null) {
            try {
                java.time.OffsetDateTime.parse(scheduledAt);
            } catch (java.time.format.DateTimeParseException e) {
                throw BrevoError.invalid("scheduledAt must be a date-time with its offset (YYYY-MM-DDTHH:mm:ss.SSSZ)");
            }
        }
        List<Long> listIds = ids(body.path("recipients").path("listIds"));
        if (scheduledAt != null && listIds.isEmpty()) {
            throw BrevoError.missing("recipients.listIds is mandatory when scheduledAt is set");
        }
        return created(account.createCampaign(name, subject, templateId, html, listIds,
                ids(body.path("recipients").path("exclusionListIds")), scheduledAt));
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    private ObjectNode contactJson(BrevoContact c) {
        ObjectNode node = NODES.objectNode();
        node.put("email", c.email());
        node.put("id", c.id());
        node.put("emailBlacklisted", account.isBlacklisted(c.email()));
        node.put("smsBlacklisted", false);
        ObjectNode attrs = node.putObject("attributes");
        c.attributes().forEach((k, v) -> {
            if (v instanceof Number n) {
                attrs.put(k, n.doubleValue());
            } else {
                attrs.put(k, v.toString());
            }
        });
        ArrayNode lists = node.putArray("listIds");
        c.listIds().stream().sorted().forEach(lists::add);
        return node;
    }

    private static BrevoAnswer page(String key, List<ObjectNode> all, QueryParameters query, int maxLimit) {
        int limit = number(query, "limit", 10);
        int offset = number(query, "offset", 0);
        if (limit < 0 || limit > maxLimit || offset < 0) {
            throw new BrevoError(400, "out_of_range", "limit must be between 0 and " + maxLimit
                    + " and offset positive");
        }
        List<ObjectNode> ordered = new ArrayList<>(all);
        if (!"asc".equals(query.first("sort")) && !"contacts".equals(key)) {
            // Brevo sorts folders, lists, templates and campaigns by creation, newest first, unless sort=asc
            java.util.Collections.reverse(ordered);
        }
        ObjectNode body = NODES.objectNode();
        ArrayNode items = body.putArray(key);
        ordered.stream().skip(offset).limit(limit).forEach(items::add);
        body.put("count", all.size());
        return new BrevoAnswer(200, body);
    }

    private static BrevoAnswer created(long id) {
        ObjectNode body = NODES.objectNode();
        body.put("id", id);
        return new BrevoAnswer(201, body);
    }

    private static int number(QueryParameters query, String key, int fallback) {
        String v = query.first(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw BrevoError.invalid(key + " must be a number");
        }
    }

    private static long id(String segment, String what) {
        try {
            return Long.parseLong(segment);
        } catch (NumberFormatException e) {
            throw BrevoError.invalid(what + " id must be a number");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText().trim();
    }
}
