package io.crmbridge.hubspot;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful (2xx) HubSpot answer.
 *
 * @param status HTTP status (200, 201, 204, 207)
 * @param body   parsed JSON body; a MissingNode for 204
 */
public record HubSpotResponse(int status, JsonNode body) {
}
