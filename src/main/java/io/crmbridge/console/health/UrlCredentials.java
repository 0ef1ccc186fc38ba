package io.crmbridge.console.health;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL with its credentials masked, for showing a configured URL (the ledger's {@code crm-bridge.db.url}, a base
 * URL) without its user or password: the user information before {@code @} in a URL's authority
 * ({@code jdbc:postgresql://u:p@host/db}, {@code jdbc:oracle:thin:u/p@host:1521:db}) and the value of a parameter
 * that names a user or a secret ({@code ;PASSWORD=...}, {@code ?user=u&password=p}, {@code ;user id=u}) become
 * {@value #MASK}. The rest is kept as written, so the host and database stay readable. A text that is not a URL
 * (no {@code ://} and no {@code jdbc:} prefix) is returned as it is.
 */
public final class UrlCredentials {

    /** What stands for a masked user or password. */
    public static final String MASK = "***";

    // the user information of an authority: after "//" (or Oracle's "thin:"), up to an '@' before any '?' or ';',
    // with at most one '/' (Oracle's user/password)
    private static final Pattern USER_INFO = Pattern.compile("(//|:thin:)([^?;@/]+(?:/[^?;@/]*)?)@");
    // a parameter after ';', '?' or '&' whose name says user, password, secret, token or key
    private static final Pattern PARAMETER = Pattern.compile(
            "([;?&]\\s*)([A-Za-z_.\\- ]*(?:user|uid|password|passwd|pwd|secret|token|credential|key)[A-Za-z_.\\- ]*)"
                    + "(\\s*=\\s*)([^;&]*)", Pattern.CASE_INSENSITIVE);

    private UrlCredentials() {
    }

    /** {@code url} with its user and password masked; null stays null, a text that is no URL unchanged. */
    public static String masked(String url) {
        if (url == null || !(url.contains("://") || url.regionMatches(true, 0, "jdbc:", 0, 5))) {
            return url;
        }
        String masked = USER_INFO.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        return PARAMETER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2) + m.group(3) + MASK));
    }
}
