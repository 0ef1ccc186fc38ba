package io.crmbridge.console.upload;

import io.crmbridge.api.ApiRefusal;
import io.crmbridge.report.OutboxNames;
import java.util.Locale;

/**
 * The name an uploaded file lands under in the inbox (docs/console.md "Upload files"). The name the client gives
 * must be a plain {@code .csv} file name: a path ({@code /}, {@code \}, {@code ..}) or another extension is refused.
 * Its other characters are made safe exactly as a dropped file's are for its reports and archive
 * ({@link OutboxNames}: control and Windows-forbidden characters become {@code _}, a leading dot too, a long name is
 * shortened), so the upload takes the path of a dropped file of that safe name. Stateless.
 */
public final class UploadName {

    private UploadName() {
    }

    /**
     * The safe inbox name of a file the client calls {@code requested}.
     *
     * @throws ApiRefusal 400 when the name is missing, holds a path or does not end with {@code .csv}
     */
    public static String of(String requested) {
        if (requested == null || requested.isBlank()) {
            throw new ApiRefusal(400, "the file name is missing: give it as the query parameter name");
        }
        if (requested.indexOf('/') >= 0 || requested.indexOf('\\') >= 0 || requested.contains("..")) {
            throw new ApiRefusal(400, "the file name must be a name, not a path: no /, \\ or ..");
        }
        if (!requested.toLowerCase(Locale.ROOT).endsWith(".csv") || requested.length() == ".csv".length()) {
            throw new ApiRefusal(400, "only CSV files are taken: the file name must end with .csv");
        }
        return OutboxNames.of(requested);
    }
}
