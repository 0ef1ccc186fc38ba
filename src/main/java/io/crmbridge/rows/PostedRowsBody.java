package io.crmbridge.rows;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.crmbridge.api.ApiRefusal;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Turns the body of {@code POST /api/rows/{objectType}} into the CSV file the intake imports (docs/http-intake.md):
 * a JSON array of objects becomes an RFC 4180 file in UTF-8 (the union of the objects' keys, in the order they first
 * appear, as its header; a key an object lacks is an empty value), written by Commons CSV; a CSV body is written as it
 * came, for the intake to read like a dropped file. A body that is neither is refused 400 with the reason. Stateless.
 */
public final class PostedRowsBody {

    /** The media types of the two bodies. */
    public enum Kind { JSON, CSV }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a decimal keeps the digits the client wrote (12.50 stays 12.50)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private PostedRowsBody() {
    }

    /**
     * The body's kind from its Content-Type.
     *
     * @throws ApiRefusal 415 for a type that is neither JSON ({@code application/json}, {@code +json}) nor
     *                    {@code text/csv}
     */
    public static Kind kind(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || type.endsWith("+json")) {
            return Kind.JSON;
        }
        if (type.equals("text/csv")) {
            return Kind.CSV;
        }
        throw new ApiRefusal(415, "Content-Type " + (type.isEmpty() ? "missing" : type)
                + ": post a JSON array of rows (application/json) or a CSV file (text/csv)");
    }

    /**
     * Writes the CSV file of a JSON body.
     *
     * @param body the request body
     * @param file the file to write (replaced)
     * @return the rows written
     * @throws ApiRefusal  400 when the body is not JSON, not an array, empty, holds an item that is not an object, a
     *                     key that is blank, or a value that is an object or an array (the item's number says which)
     * @throws IOException when the file cannot be written
     */
    public static int writeJson(byte[] body, Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            // Jackson names the source it read ("[Source: REDACTED ...; line: 1, column: 2]"): the client needs
            // only the position
            String why = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
            throw new ApiRefusal(400, "the body is not JSON: " + why
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (root == null || root.isMissingNode()) {
            throw new ApiRefusal(400, "the body is empty: post a JSON array of rows");
        }
        if (!root.isArray()) {
            throw new ApiRefusal(400, "the body is a JSON " + nodeKind(root) + ", not an array of rows");
        }
        if (root.isEmpty()) {
            throw new ApiRefusal(400, "the array holds no rows");
        }
        Set<String> columns = new LinkedHashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            if (!item.isObject()) {
                throw new ApiRefusal(400, "row " + (i + 1) + " is a JSON " + nodeKind(item) + ", not an object of"
                        + " column names and values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().isBlank()) {
                    throw new ApiRefusal(400, "row " + (i + 1) + " has a blank column name");
                }
                if (field.getValue().isContainerNode()) {
                    throw new ApiRefusal(400, "row " + (i + 1) + ", column \"" + field.getKey() + "\": a JSON "
                            + nodeKind(field.getValue()) + ", not a value");
                }
                columns.add(field.getKey());
            }
        }
        List<String> header = List.copyOf(columns);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, format)) {
            List<String> values = new ArrayList<>(header.size());
            for (JsonNode item : root) {
                values.clear();
                for (String column : header) {
                    values.add(text(item.get(column)));
                }
                printer.printRecord(values);
            }
        }
        return root.size();
    }

    /** A JSON scalar as the text a CSV cell would hold: null and a missing key are empty, numbers written plainly. */
    static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isNumber() && !value.isIntegralNumber()) {
            return value.decimalValue().toPlainString();
        }
        return value.asText();
    }

    private static String nodeKind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
