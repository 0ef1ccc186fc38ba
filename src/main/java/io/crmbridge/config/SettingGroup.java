package io.crmbridge.config;

/**
 * The groups of the configuration reference (docs/configuration.md), in the order the page shows them: one table a
 * group, under its title and a sentence that says what the group is for.
 */
public enum SettingGroup {
    FOLDERS("Folders and mode", "Where files come from and go, how often the inbox is polled, and how a run sends"
            + " them ([import.md](import.md))."),
    RULES("Validation rules and mapping", "How a row's values are read and checked, and the user files that replace"
            + " the bundled mappings ([import.md](import.md), [broken-csv.md](broken-csv.md))."),
    SALES("Sales ledger", "The sales-ledger exports, their scoring and push ([sales-ledger.md](sales-ledger.md))."),
    DATABASE("Ledger database", "The database of import runs, record keys and pending links."),
    CLUSTER("Several instances", "Instances that share one inbox, one PostgreSQL database and one HubSpot budget"
            + " ([cluster.md](cluster.md)); off unless enabled."),
    REMOTE_SOURCES("Remote sources", "What every SFTP or FTPS source shares; the sources themselves are instances of"
            + " the route templates `sftp-source` and `ftps-source`, set with `camel.routeTemplate[NAME].*` properties"
            + " ([sources.md](sources.md))."),
    HUBSPOT("HubSpot", "The portal crm-bridge writes to, the API version and the client's rate budget and redelivery"
            + " ([hubspot.md](hubspot.md)). The token comes from the environment variable"
            + " `HUBSPOT_ACCESS_TOKEN` or from `hubspot.access-token-file`, never from a property."),
    SANDBOX("HubSpot sandbox and emulator", "The embedded HubSpot sandbox used when no token is set, also run alone"
            + " with `--hubspot-emulator` ([hubspot-emulator.md](hubspot-emulator.md))."),
    SANDBOX_FAULTS("Sandbox faults", "Faults the HubSpot and the Brevo sandboxes inject, all off by default: shares"
            + " of API calls from 0 to 1, drawn from a seeded random; together at most 1, and a faulted call changes"
            + " nothing."),
    PORTAL_RULES("Sandbox portal rules", "The admin rules of the sandbox's portal (hubspot-api.md §10.3)."),
    SANDBOX_SEED("Sandbox seeding", "Contacts the sandbox starts with, for the contact sync on real volume."),
    BREVO("Brevo", "The Brevo account the scored clients are pushed to ([sales-ledger.md](sales-ledger.md)). The"
            + " key comes from `brevo.api-key` or the environment variable `BREVO_API_KEY`; without one, the embedded"
            + " Brevo sandbox is used."),
    SYNC("Contact sync", "The contact sync from HubSpot into the database, off unless enabled"
            + " ([contact-sync.md](contact-sync.md))."),
    API("REST API and console", "The REST API (contact sync, runs) and the console on the application's HTTP server"
            + " ([contact-sync.md](contact-sync.md), [console.md](console.md))."),
    HTTP_INTAKE("Rows posted over HTTP", "Rows posted to `POST /api/rows/{objectType}` with the API's token, imported"
            + " like an inbox file ([http-intake.md](http-intake.md))."),
    EVENTS("Completion events", "An event when an import run finishes, fails or is undone and when a contact sync"
            + " ends, sent to a webhook and a Kafka topic, each off unless set ([events.md](events.md)). The webhook's"
            + " signing secret comes from the environment variable `CRM_BRIDGE_EVENTS_WEBHOOK_SECRET` or from"
            + " `crm-bridge.events.webhook.secret-file`, never from a property."),
    OPERATIONS("Operations", "Health checks served on the management port ([operations.md](operations.md))."),
    LAUNCHER("Launcher and logging", "Set by the command line's flags or read before logging starts"
            + " ([command-line.md](command-line.md))."),
    CAMEL("Camel settings crm-bridge sets", "Camel's own properties whose value crm-bridge chooses in"
            + " `application.properties`; Camel checks their names and values itself. `camel-observability-services`"
            + " sets, below anything in `application.properties` or on the command line: `camel.management.enabled`,"
            + " `camel.management.health-check-enabled`, `camel.management.metrics-enabled`, `camel.metrics.enabled`"
            + " (all `true`), `camel.management.health-path` and `camel.metrics.path` (`/observe/health`,"
            + " `/observe/metrics`), `camel.health.exposure-level=full` (crm-bridge sets `default`) and"
            + " `camel.opentelemetry2.enabled=true`.");

    private final String title;
    private final String intro;

    SettingGroup(String title, String intro) {
        this.title = title;
        this.intro = intro;
    }

    /** The group's heading in the reference. */
    public String title() {
        return title;
    }

    /** The sentence under the heading (Markdown). */
    public String intro() {
        return intro;
    }
}
