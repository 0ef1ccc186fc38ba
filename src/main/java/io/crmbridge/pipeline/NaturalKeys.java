package io.crmbridge.pipeline;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The natural keys records are upserted and linked by (DESIGN.md "Correctness by construction"):
 * lower-cased e-mails for contacts, the normalised domain (or name) for companies, the source id
 * for tickets, and the alias forms {@code name:<name>} / {@code domain:<domain>} /
 * {@code contact:<email>} used by links.
 */
public final class NaturalKeys {

    // compiled once: String.replaceAll compiles its pattern on every call, and every contact row's company
    // goes through here
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private NaturalKeys() {
    }

    /** "  ACME  Corp. " -> "acme corp." : case, accents and runs of spaces do not make another company. */
    public static String normaliseName(String name) {
        String s = MARKS.matcher(Normalizer.normalize(name.trim(), Normalizer.Form.NFKD)).replaceAll("");
        return SPACES.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    /** Alias of a company by name. */
    public static String companyName(String name) {
        return "name:" + normaliseName(name);
    }

    /** Alias of a company by domain. */
    public static String companyDomain(String domain) {
        return "domain:" + domain;
    }

    /** Link target "the company of this contact" (ticket -> company through its contact, E2). */
    public static String companyOfContact(String email) {
        return "contact:" + email;
    }

    /** Key of a contact without e-mail: its normalised names and company. */
    public static String contactByName(String first, String last, String company) {
        return "name:" + normaliseName(nz(first)) + "|" + normaliseName(nz(last)) + "|" + normaliseName(nz(company));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
