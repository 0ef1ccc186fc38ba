package io.crmbridge.push;

import io.crmbridge.hubspot.PropertySpec;
import io.crmbridge.model.CrmRecord;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sales.CustomerProfile;
import io.crmbridge.sales.scoring.RfmSegments;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a scored client becomes in HubSpot and in Brevo (PRODUCT.md W3, docs/sales-ledger.md):
 * the HubSpot contact properties crm-bridge creates in the group {@code crm_bridge_rfm}, the record upserted
 * by email, and the Brevo contact attributes. Values follow HubSpot's formats (every value a string, dates
 * at midnight UTC in epoch ms, hubspot-api.md §0, §6) and Brevo's (numbers as numbers, dates
 * {@code yyyy-MM-dd}).
 */
public final class RfmContactFields {

    /** The HubSpot property group of the RFM properties. */
    public static final PropertySpec.Group GROUP = new PropertySpec.Group("crm_bridge_rfm", "crm-bridge RFM");

    /**
     * The options of {@code crm_bridge_rfm_segment}: every segment the scorer names ({@link RfmSegments#ALL}), in the
     * order of its rules. A portal whose property lacks one of them gets it added ({@code PropertyEnsurer}).
     */
    public static final List<String> SEGMENTS = RfmSegments.ALL;

    /** How many recommendations and rebuy suggestions a contact carries. */
    public static final int TOP = 3;

    static final String SEGMENT = "crm_bridge_rfm_segment";

    private RfmContactFields() {
    }

    /** The RFM contact properties, the segment an enumeration of {@link #SEGMENTS}. */
    public static List<PropertySpec> hubspotProperties() {
        List<PropertySpec> specs = new ArrayList<>();
        specs.add(new PropertySpec(ObjectType.CONTACTS, SEGMENT, "RFM segment", "enumeration", "select", false,
                GROUP, SEGMENTS));
        specs.add(number("crm_bridge_rfm_recency_score", "RFM recency score (1-5)"));
        specs.add(number("crm_bridge_rfm_frequency_score", "RFM frequency score (1-5)"));
        specs.add(number("crm_bridge_rfm_monetary_score", "RFM monetary score (1-5)"));
        specs.add(text("crm_bridge_rfm_code", "RFM code"));
        specs.add(number("crm_bridge_rfm_monetary", "Net sales (EUR)"));
        specs.add(new PropertySpec(ObjectType.CONTACTS, "crm_bridge_last_purchase_date", "Last purchase date", "date",
                "date", false, GROUP, List.of()));
        specs.add(text("crm_bridge_recommendations", "Recommended products"));
        specs.add(text("crm_bridge_rebuy_suggestions", "Rebuy suggestions"));
        specs.add(text("crm_bridge_client_code", "Sales ledger client code"));
        return specs;
    }

    /** The contact upserted by its lower-cased email, with its RFM properties and its known details. */
    public static CrmRecord hubspotRecord(CustomerProfile p) {
        String email = p.email().trim().toLowerCase(Locale.ROOT);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("email", email);
        put(props, "firstname", p.firstName());
        put(props, "lastname", p.lastName());
        put(props, "phone", p.phone());
        put(props, "zip", p.postalCode());
        put(props, "city", p.city());
        put(props, "country", p.country());
        props.put(SEGMENT, p.rfmSegment());
        props.put("crm_bridge_rfm_recency_score", Integer.toString(p.recencyScore()));
        props.put("crm_bridge_rfm_frequency_score", Integer.toString(p.frequencyScore()));
        props.put("crm_bridge_rfm_monetary_score", Integer.toString(p.monetaryScore()));
        props.put("crm_bridge_rfm_code", p.rfmCode());
        put(props, "crm_bridge_rfm_monetary", p.monetary() == null ? null : p.monetary().toPlainString());
        put(props, "crm_bridge_last_purchase_date", p.lastPurchase() == null ? null : Long.toString(midnightUtc(p.lastPurchase())));
        props.put("crm_bridge_recommendations", top(p.recommendations()));
        props.put("crm_bridge_rebuy_suggestions", top(p.rebuySuggestions()));
        props.put("crm_bridge_client_code", p.clientCode());
        return new CrmRecord(ObjectType.CONTACTS, "email", email, props, List.of());
    }

    /** The Brevo attributes crm-bridge writes, name to Brevo type. */
    public static Map<String, String> brevoAttributeTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("RFM_SEGMENT", "text");
        types.put("RFM_CODE", "text");
        types.put("RFM_MONETARY", "float");
        types.put("LAST_PURCHASE", "date");
        types.put("RECOMMENDATIONS", "text");
        types.put("CLIENT_CODE", "text");
        return types;
    }

    /** The Brevo attributes of a client: its names and the values of {@link #brevoAttributeTypes()}. */
    public static Map<String, Object> brevoAttributes(CustomerProfile p) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("FIRSTNAME", p.firstName());
        attrs.put("LASTNAME", p.lastName());
        attrs.put("RFM_SEGMENT", p.rfmSegment());
        attrs.put("RFM_CODE", p.rfmCode());
        attrs.put("RFM_MONETARY", p.monetary());
        attrs.put("LAST_PURCHASE", p.lastPurchase() == null ? null : p.lastPurchase().toString());
        attrs.put("RECOMMENDATIONS", top(p.recommendations()));
        attrs.put("CLIENT_CODE", p.clientCode());
        return attrs;
    }

    private static PropertySpec number(String name, String label) {
        return new PropertySpec(ObjectType.CONTACTS, name, label, "number", "number", false, GROUP, List.of());
    }

    private static PropertySpec text(String name, String label) {
        return new PropertySpec(ObjectType.CONTACTS, name, label, "string", "text", false, GROUP, List.of());
    }

    private static void put(Map<String, String> props, String name, String value) {
        if (value != null && !value.isBlank()) {
            props.put(name, value.trim());
        }
    }

    private static String top(List<String> labels) {
        return labels == null ? "" : String.join("; ", labels.stream().limit(TOP).toList());
    }

    private static long midnightUtc(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
