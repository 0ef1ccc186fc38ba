package io.crmbridge.sales.campaign;

import io.crmbridge.brevo.BrevoPersonalisation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A segment's campaign mail as kept in the project, French, on the class path: the segment's own words in
 * {@code campaigns/<segment>.html} (a {@code <title>}, the subject, then the HTML of its opening) and
 * {@code campaigns/<segment>.txt} (the same opening as text), set in the layout every segment shares,
 * {@code campaigns/layout.html} and {@code campaigns/layout.txt} (the text part, which the dry run shows), at their
 * {@value #SUBJECT} and {@value #CONTENT} markers. Both use the contact attributes crm-bridge writes in Brevo ({@code {{ contact.FIRSTNAME }}},
 * {@code RECOMMENDATIONS}, {@code REBUY_SUGGESTIONS}, {@code RFM_SEGMENT}), so that Brevo fills each client's own.
 *
 * @param segment the RFM segment
 * @param subject the subject line
 * @param html    the HTML body
 * @param text    the text part
 */
public record CampaignMail(String segment, String subject, String html, String text) {

    /** How labels are joined in the {@code RECOMMENDATIONS} and {@code REBUY_SUGGESTIONS} attributes. */
    public static final String SEPARATOR = "; ";

    /** Where the layout takes the subject. */
    static final String SUBJECT = "%SUBJECT%";
    /** Where the layout takes the segment's opening. */
    static final String CONTENT = "%CONTENT%";

    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>\\s*", Pattern.DOTALL);

    /**
     * Reads the segment's files.
     *
     * @throws IllegalStateException when a file is missing or the HTML has no {@code <title>}
     */
    public static CampaignMail of(String segment) {
        String own = resource("campaigns/" + segment + ".html");
        Matcher title = TITLE.matcher(own);
        if (!title.find() || title.group(1).isBlank()) {
            throw new IllegalStateException("campaigns/" + segment + ".html has no <title> (the subject)");
        }
        String subject = title.group(1).trim();
        String opening = own.substring(0, title.start()) + own.substring(title.end());
        String html = resource("campaigns/layout.html").replace(SUBJECT, subject).replace(CONTENT, opening);
        String text = resource("campaigns/layout.txt").replace(CONTENT, resource("campaigns/" + segment + ".txt"));
        return new CampaignMail(segment, subject, html, text);
    }

    /** The Brevo attributes a recipient's mail is filled from. */
    public static Map<String, Object> attributes(CampaignRecipient r, String segment) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("FIRSTNAME", r.firstName());
        attrs.put("RFM_SEGMENT", segment);
        attrs.put("RECOMMENDATIONS", String.join(SEPARATOR, r.recommendations()));
        attrs.put("REBUY_SUGGESTIONS", String.join(SEPARATOR, r.rebuy()));
        return attrs;
    }

    /** The labels of an attribute written with {@link #SEPARATOR}; empty for null or blank. */
    public static List<String> labels(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(Pattern.quote(SEPARATOR)));
    }

    /** The text part as {@code r} would receive it. */
    public String textFor(CampaignRecipient r) {
        return BrevoPersonalisation.fill(text, attributes(r, segment));
    }

    private static String resource(String name) {
        try (InputStream in = CampaignMail.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing campaign file " + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
