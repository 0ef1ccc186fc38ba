package io.crmbridge.console;

import java.util.Arrays;
import java.util.Optional;

/**
 * The outbox files of one import run that the console serves for download (docs/import.md, report/RunFiles):
 * the request names one of these kinds, never a path, so nothing outside the run's files can be asked for.
 */
public enum RunFile {
    /** {@code reports/<base>.html} */
    HTML_REPORT("report.html", "reports", ".html", "text/html; charset=UTF-8"),
    /** {@code reports/<base>.json} */
    JSON_REPORT("report.json", "reports", ".json", "application/json"),
    /** {@code dead-letter/<base>.rejected.csv} */
    DEAD_LETTER("dead-letter.csv", "dead-letter", ".rejected.csv", "text/csv; charset=UTF-8"),
    /** {@code undo/<base>-undo.html}: the run's undo report (io.crmbridge.undo.UndoReportWriter) */
    UNDO_HTML_REPORT("undo-report.html", "undo", "-undo.html", "text/html; charset=UTF-8"),
    /** {@code undo/<base>-undo.json} */
    UNDO_JSON_REPORT("undo-report.json", "undo", "-undo.json", "application/json"),
    /** {@code undo/<base>-undo-dead-letter.csv}: the records the undo kept or could not reverse */
    UNDO_DEAD_LETTER("undo-dead-letter.csv", "undo", "-undo-dead-letter.csv", "text/csv; charset=UTF-8");

    private final String urlName;
    private final String folder;
    private final String suffix;
    private final String contentType;

    RunFile(String urlName, String folder, String suffix, String contentType) {
        this.urlName = urlName;
        this.folder = folder;
        this.suffix = suffix;
        this.contentType = contentType;
    }

    /** The last segment of the download URL, e.g. {@code dead-letter.csv}. */
    public String urlName() {
        return urlName;
    }

    /** The outbox folder the file is in. */
    public String folder() {
        return folder;
    }

    /** What follows the run's base name in the file name. */
    public String suffix() {
        return suffix;
    }

    public String contentType() {
        return contentType;
    }

    /** The kind a URL segment names, if any. */
    public static Optional<RunFile> ofUrlName(String name) {
        return Arrays.stream(values()).filter(f -> f.urlName.equals(name)).findFirst();
    }
}
