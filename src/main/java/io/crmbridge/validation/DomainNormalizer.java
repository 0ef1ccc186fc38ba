package io.crmbridge.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * V6 website and email to company domain, and the free-mail / reserved domain test that keeps
 * "gmail.com" or "example.com" from ever becoming a company (PRODUCT.md V6).
 *
 * <p>A domain is the host of the website, lower-case, without scheme, user info, port, path,
 * query, fragment, trailing dot or leading {@code www.}; it needs at least two labels and an
 * alphabetic top-level label (so IP addresses and single names are refused). Internationalised
 * names are kept in Unicode and checked through their ASCII (punycode) form.
 *
 * <p>The domain list is the classpath resource {@value #DOMAINS}: exact names, {@code name.*}
 * (the name under any public suffix of one label, or of two labels whose first is at most three
 * characters such as {@code co.uk} or {@code com.br}) and {@code .name} (the name and all its
 * subdomains; used for the reserved names of RFC 2606 and RFC 6761). Immutable and thread-safe.
 */
public final class DomainNormalizer {

    /** Classpath resource listing free-mail and reserved domains. */
    public static final String DOMAINS = "validation/free-mail-domains.txt";

    private static final Pattern SCHEME = Pattern.compile("^(?:[a-z][a-z0-9+.-]*:)?//");
    private static final Pattern PORT = Pattern.compile(":\\d*$");
    private static final Pattern ASCII_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LABEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

    private final Set<String> exact;
    private final Set<String> anySuffix;
    private final Set<String> withSubdomains;

    private DomainNormalizer(Set<String> exact, Set<String> anySuffix, Set<String> withSubdomains) {
        this.exact = Set.copyOf(exact);
        this.anySuffix = Set.copyOf(anySuffix);
        this.withSubdomains = Set.copyOf(withSubdomains);
    }

    /**
     * Reads the domain list from the classpath.
     *
     * @throws UncheckedIOException when the resource is missing or unreadable
     */
    public static DomainNormalizer load() {
        Set<String> exact = new HashSet<>();
        Set<String> anySuffix = new HashSet<>();
        Set<String> withSubdomains = new HashSet<>();
        try (InputStream in = DomainNormalizer.class.getClassLoader().getResourceAsStream(DOMAINS)) {
            if (in == null) {
                throw new IOException("classpath resource missing: " + DOMAINS);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String entry = line.replaceFirst("#.*", "").trim().toLowerCase(Locale.ROOT);
                if (entry.isEmpty()) {
                    continue;
                }
                if (entry.startsWith(".")) {
                    withSubdomains.add(entry.substring(1));
                } else if (entry.endsWith(".*")) {
                    anySuffix.add(entry.substring(0, entry.length() - 2));
                } else {
                    exact.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DomainNormalizer(exact, anySuffix, withSubdomains);
    }

    /**
     * Domain of a website.
     *
     * @param website for example "http://www.Escobar.org/path?x", "escobar.org:8080", may be null
     * @return the domain ("escobar.org"), or empty when the text holds no usable domain
     */
    public Optional<String> domainOf(String website) {
        if (website == null || website.isBlank()) {
            return Optional.empty();
        }
        String host = website.trim().toLowerCase(Locale.ROOT);
        host = SCHEME.matcher(host).replaceFirst("");
        int end = indexOfAny(host, "/?#");
        if (end >= 0) {
            host = host.substring(0, end);
        }
        host = host.substring(host.lastIndexOf('@') + 1);
        host = PORT.matcher(host).replaceFirst("");
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        return isDomainName(host) ? Optional.of(host) : Optional.empty();
    }

    /**
     * Domain of an email address: the part after the last "@", normalised as {@link #domainOf}.
     *
     * @return the domain, or empty when the address has no "@" or no usable domain
     */
    public Optional<String> domainOfEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? Optional.empty() : domainOf(email.substring(at + 1));
    }

    /**
     * True when the domain is a listed free-mail provider or a reserved name (including any
     * subdomain of a reserved name, such as mail.example.com). Case-insensitive; null is false.
     */
    public boolean isFreeOrReserved(String domain) {
        if (domain == null || domain.isBlank()) {
            return false;
        }
        String name = domain.trim().toLowerCase(Locale.ROOT);
        if (exact.contains(name)) {
            return true;
        }
        for (String candidate = name; ; ) {
            if (withSubdomains.contains(candidate)) {
                return true;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0) {
                break;
            }
            candidate = candidate.substring(dot + 1);
        }
        int dot = name.indexOf('.');
        return dot > 0 && anySuffix.contains(name.substring(0, dot)) && isShortSuffix(name.substring(dot + 1));
    }

    private static boolean isShortSuffix(String suffix) {
        String[] labels = suffix.split("\\.", -1);
        return labels.length == 1 || (labels.length == 2 && labels[0].length() <= 3);
    }

    private static boolean isDomainName(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!ASCII_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return TOP_LABEL.matcher(labels[labels.length - 1]).matches();
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
