package io.crmbridge.brevo;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills Brevo's contact placeholders {@code {{ contact.NAME }}} (developers.brevo.com/docs/customize-transactional-
 * email-templates: attributes are upper-case, spaces inside the braces optional) with a contact's attributes, an
 * absent attribute giving an empty text, as Brevo renders it. Other tags ({@code {{ unsubscribe }}}) are left as they
 * are. Used to show what a campaign sends: by the dry run and by the Brevo sandbox's record.
 */
public final class BrevoPersonalisation {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*contact\\.([A-Za-z0-9_]+)\\s*}}");

    private BrevoPersonalisation() {
    }

    /**
     * @param text       a subject or a body, or null
     * @param attributes attribute name (upper case) to value
     * @return the text with every contact placeholder filled, or null for null
     */
    public static String fill(String text, Map<String, ?> attributes) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = attributes.get(m.group(1).toUpperCase(Locale.ROOT));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
