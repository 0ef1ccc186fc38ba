package io.crmbridge.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns the name of an inbox file, which anyone who can drop a file chooses, into the plain file
 * name its reports, dead letters and archived copy are written under (file names from
 * the inbox can never make the application write outside outbox/).
 *
 * <p>The result is always one path segment of at most {@value #MAX_BYTES} UTF-8 bytes, so that
 * the longest suffix crm-bridge adds ({@code -run<N>.html}, {@code .rejected.csv},
 * {@code .error.txt}, an archive time stamp) stays under the 255-byte name limit of ext4, XFS,
 * APFS and NTFS:
 * <ul>
 *   <li>{@code /}, {@code \}, control characters (NUL included) and the characters Windows
 *       forbids in names ({@code < > : " | ? *}) are kept out by {@code _} (a name with
 *       {@code \} is a path for Camel's file component and for Windows);</li>
 *   <li>a leading {@code .} becomes {@code _}: the result is never {@code .}, {@code ..} nor a
 *       hidden file;</li>
 *   <li>a longer name keeps its first characters (never cutting a character in two), then
 *       {@code ~} and 8 hex digits of the SHA-256 of the full name, then its extension when that
 *       is short, so two long names that share a beginning still get two outbox names.</li>
 * </ul>
 * Names that need none of this (e.g. {@code contacts 2024 é.csv}) are returned unchanged.
 * Stateless and thread-safe.
 */
public final class OutboxNames {

    /** Most UTF-8 bytes of a returned name. */
    public static final int MAX_BYTES = 160;
    private static final int MAX_EXTENSION_BYTES = 16;
    private static final String FORBIDDEN = "/\\<>:\"|?*";

    private OutboxNames() {
    }

    /**
     * The outbox name of inbox file {@code fileName}.
     *
     * @throws IllegalArgumentException when {@code fileName} is null or empty
     */
    public static String of(String fileName) {
        if (fileName == null || fileName.isEmpty()) {
            throw new IllegalArgumentException("an inbox file name cannot be empty");
        }
        StringBuilder safe = new StringBuilder(fileName.length());
        fileName.codePoints().forEach(cp -> safe.appendCodePoint(
                Character.isISOControl(cp) || FORBIDDEN.indexOf(cp) >= 0 ? '_' : cp));
        if (safe.charAt(0) == '.') {
            safe.setCharAt(0, '_');
        }
        String name = safe.toString();
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && utf8Length(name.substring(dot)) <= MAX_EXTENSION_BYTES ? name.substring(dot) : "";
        String suffix = "~" + HexFormat.of().formatHex(sha256(fileName), 0, 4) + extension;
        return prefixWithin(name, MAX_BYTES - utf8Length(suffix)) + suffix;
    }

    /** The longest prefix of {@code s} whose UTF-8 form fits {@code maxBytes}, never splitting a code point. */
    private static String prefixWithin(String s, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int size = utf8Length(new String(Character.toChars(cp)));
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
