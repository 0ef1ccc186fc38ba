package io.crmbridge.sandbox;

import io.crmbridge.model.ObjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The HubSpot-defined properties a fresh sandbox portal has per object type, and the system
 * property names (hubspot-api.md §3.2 default-property table; HubSpot's standard contact,
 * company and ticket properties).
 */
final class DefaultProperties {

    private static final Instant DEFINED_AT = Instant.parse("2020-01-01T00:00:00.000Z");

    private DefaultProperties() {
    }

    /** {@code lastmodifieddate} for contacts, {@code hs_lastmodifieddate} for companies and tickets (hubspot-api.md §3.2). */
    static String lastModifiedProperty(ObjectType type) {
        return type == ObjectType.CONTACTS ? "lastmodifieddate" : "hs_lastmodifieddate";
    }

    /** Properties returned by reads and searches that name none (hubspot-api.md §3.2). */
    static List<String> defaultReturned(ObjectType type) {
        switch (type) {
            case CONTACTS:
                return List.of("firstname", "lastname", "email", "lastmodifieddate", "hs_object_id", "createdate");
            case COMPANIES:
                return List.of("name", "domain", "createdate", "hs_lastmodifieddate", "hs_object_id");
            default:
                return List.of("content", "hs_pipeline", "hs_pipeline_stage", "hs_ticket_category", "hs_ticket_priority",
                        "subject", "createdate", "hs_lastmodifieddate", "hs_object_id");
        }
    }

    /** The HubSpot-defined properties of one object type. */
    static List<PropertyDefinition> of(ObjectType type) {
        List<PropertyDefinition> list = new ArrayList<>();
        switch (type) {
            case CONTACTS:
                String info = "contactinformation";
                for (String[] p : new String[][] {{"email", "Email"}, {"firstname", "First Name"}, {"lastname", "Last Name"},
                        {"phone", "Phone Number"}, {"mobilephone", "Mobile Phone Number"}, {"company", "Company Name"},
                        {"jobtitle", "Job Title"}, {"city", "City"}, {"state", "State/Region"}, {"zip", "Postal Code"},
                        {"address", "Street Address"}, {"country", "Country/Region"}, {"website", "Website URL"}}) {
                    list.add(text(p[0], p[1], info));
                }
                list.add(enumeration("lifecyclestage", "Lifecycle Stage", "radio", info, "subscriber", "lead",
                        "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other"));
                break;
            case COMPANIES:
                String company = "companyinformation";
                for (String[] p : new String[][] {{"name", "Company name"}, {"domain", "Company Domain Name"},
                        {"website", "Website URL"}, {"phone", "Phone Number"}, {"city", "City"}, {"state", "State/Region"},
                        {"country", "Country/Region"}, {"description", "Description"}, {"industry", "Industry"},
                        {"founded_year", "Year Founded"}}) {
                    list.add(text(p[0], p[1], company));
                }
                list.add(definition("numberofemployees", "Number of Employees", "number", "number", company, List.of(), false));
                break;
            default:
                String ticket = "ticketinformation";
                list.add(text("subject", "Ticket name", ticket));
                list.add(definition("content", "Ticket description", "string", "textarea", ticket, List.of(), false));
                // the pipeline and stage options are the ids of the pipelines API's ticket pipelines (PipelinesHandler)
                List<PropertyOption> pipelines = new ArrayList<>();
                List<PropertyOption> stages = new ArrayList<>();
                for (Pipeline p : PipelinesHandler.of(ObjectType.TICKETS)) {
                    pipelines.add(new PropertyOption(p.label(), p.id(), p.displayOrder(), false));
                    p.stages().forEach(st -> stages.add(new PropertyOption(st.label(), st.id(), st.displayOrder(), false)));
                }
                list.add(definition("hs_pipeline", "Pipeline", "enumeration", "select", ticket, pipelines, false));
                list.add(definition("hs_pipeline_stage", "Ticket status", "enumeration", "select", ticket, stages, false));
                list.add(enumeration("hs_ticket_priority", "Priority", "select", ticket, "LOW", "MEDIUM", "HIGH", "URGENT"));
                list.add(enumeration("hs_ticket_category", "Category", "select", ticket,
                        "PRODUCT_ISSUE", "BILLING_ISSUE", "FEATURE_REQUEST", "GENERAL_INQUIRY"));
                list.add(enumeration("source_type", "Source", "select", ticket, "CHAT", "EMAIL", "FORM", "PHONE"));
                list.add(definition("closed_date", "Close date", "datetime", "date", ticket, List.of(), false));
                break;
        }
        String group = list.get(0).groupName();
        // createdate stays writable: HubSpot lets imports set historical creation dates.
        list.add(definition("createdate", "Create Date", "datetime", "date", group, List.of(), false));
        list.add(definition(lastModifiedProperty(type), "Last Modified Date", "datetime", "date", group, List.of(), true));
        list.add(definition("hs_object_id", "Record ID", "number", "number", group, List.of(), true));
        return list;
    }

    private static PropertyDefinition text(String name, String label, String group) {
        return definition(name, label, "string", "text", group, List.of(), false);
    }

    private static PropertyDefinition enumeration(String name, String label, String fieldType, String group, String... values) {
        List<PropertyOption> options = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            options.add(new PropertyOption(values[i], values[i], i, false));
        }
        return definition(name, label, "enumeration", fieldType, group, options, false);
    }

    private static PropertyDefinition definition(String name, String label, String type, String fieldType, String group,
                                                 List<PropertyOption> options, boolean readOnly) {
        return new PropertyDefinition(name, label, type, fieldType, group, options, false, readOnly, true, DEFINED_AT);
    }
}
