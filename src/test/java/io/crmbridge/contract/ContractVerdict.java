package io.crmbridge.contract;

import java.util.List;

/**
 * The contract's answer for one exchange.
 *
 * @param requestValidated  the request matched a documented operation and was checked against it
 * @param responseValidated the response was checked against that operation's responses
 * @param requestProblems   what in the request breaks HubSpot's spec (empty when none)
 * @param responseProblems  what in the response breaks HubSpot's spec (empty when none)
 * @param excused           names of the {@link ContractExceptions} that excused a message, one per message
 */
public record ContractVerdict(boolean requestValidated, boolean responseValidated, List<String> requestProblems,
                              List<String> responseProblems, List<String> excused) {

    public ContractVerdict {
        requestProblems = List.copyOf(requestProblems);
        responseProblems = List.copyOf(responseProblems);
        excused = List.copyOf(excused);
    }

    /** Whether both sides keep the contract. */
    public boolean kept() {
        return requestProblems.isEmpty() && responseProblems.isEmpty();
    }
}
