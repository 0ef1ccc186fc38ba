package io.crmbridge.sales.campaign;

import io.crmbridge.api.ApiRefusal;
import java.util.List;
import java.util.Map;
import org.apache.camel.Header;

/**
 * The campaign log and the dry run over the REST API (routes/console-campaigns.yaml, docs/campaigns.md): each method
 * answers the map the route writes as JSON; a bad or unknown id is an {@link ApiRefusal} (400, 404).
 */
public class CampaignApi {

    private final SalesCampaigns campaigns;

    public CampaignApi(SalesCampaigns campaigns) {
        this.campaigns = campaigns;
    }

    /** {@code {"campaigns": [...]}}, newest first. */
    public Map<String, List<Map<String, Object>>> list() {
        return Map.of("campaigns", campaigns.campaigns());
    }

    /**
     * One campaign with its recipients and exclusions.
     *
     * @throws ApiRefusal 400 for an id that is not a number, 404 for an unknown one
     */
    public Map<String, Object> one(@Header("id") String id) {
        long n;
        try {
            n = Long.parseLong(id == null ? "" : id.trim());
        } catch (NumberFormatException e) {
            throw new ApiRefusal(400, "campaign id must be a number");
        }
        return campaigns.campaign(n).orElseThrow(() -> new ApiRefusal(404, "no campaign " + n + " in the log"));
    }

    /** The dry run: who a firing now would mail, with what ({@link SalesCampaigns#preview()}). */
    public Map<String, Object> preview() {
        return campaigns.preview();
    }
}
