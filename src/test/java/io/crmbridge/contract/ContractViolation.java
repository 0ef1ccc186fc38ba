package io.crmbridge.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * One exchange that broke HubSpot's contract.
 *
 * @param method           HTTP method
 * @param path             request path as sent
 * @param status           HTTP status the sandbox answered
 * @param requestMessages  what in the request broke the contract, each starting with the validator's key
 * @param responseMessages what in the response broke the contract, each starting with the validator's key
 */
public record ContractViolation(String method, String path, int status, List<String> requestMessages,
                                List<String> responseMessages) {

    public ContractViolation {
        requestMessages = List.copyOf(requestMessages);
        responseMessages = List.copyOf(responseMessages);
    }

    /** The same exchange with only its response messages (empty when the response kept the contract). */
    public ContractViolation responseOnly() {
        return new ContractViolation(method, path, status, List.of(), responseMessages);
    }

    /** Whether nothing is left to report. */
    public boolean isEmpty() {
        return requestMessages.isEmpty() && responseMessages.isEmpty();
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        requestMessages.forEach(m -> lines.add("request " + m));
        responseMessages.forEach(m -> lines.add("response " + m));
        return method + " " + path + " -> " + status + "\n    " + String.join("\n    ", lines);
    }
}
