package io.crmbridge.config;

import static io.crmbridge.config.Setting.define;
import static io.crmbridge.config.SettingType.bool;
import static io.crmbridge.config.SettingType.decimal;
import static io.crmbridge.config.SettingType.httpUrl;
import static io.crmbridge.config.SettingType.integer;
import static io.crmbridge.config.SettingType.list;
import static io.crmbridge.config.SettingType.longInteger;
import static io.crmbridge.config.SettingType.oneOf;
import static io.crmbridge.config.SettingType.optionalDate;
import static io.crmbridge.config.SettingType.optionalPath;
import static io.crmbridge.config.SettingType.printable;
import static io.crmbridge.config.SettingType.region;
import static io.crmbridge.config.SettingType.text;
import static io.crmbridge.config.SettingType.zoneId;

import io.crmbridge.hubspot.HubSpotPaths;
import io.crmbridge.intake.CsvLimits;
import io.crmbridge.pipeline.DailyBudgetCheck;
import io.crmbridge.sandbox.PortalRules;
import io.crmbridge.sandbox.SandboxConfig;
import io.crmbridge.sandbox.SandboxFaults;
import io.crmbridge.sandbox.SandboxSeeder;
import io.crmbridge.sandbox.brevo.BrevoSandboxConfig;
import io.crmbridge.sync.ContactSync;
import io.crmbridge.validation.NumberConvention;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Every crm-bridge property, declared once (name, type, allowed values, default, unit, feature, group, secret, meaning):
 * the code reads its settings through these constants, Camel gets their defaults from here ({@link #applyTo}), a
 * start is refused when a property under {@code crm-bridge.}, {@code hubspot.}, {@code sandbox.} or {@code brevo.} is
 * unknown or malformed ({@link #check(String, String)}), and docs/configuration.md is generated from it
 * ({@link ConfigurationReference}). The {@code camel.*} entries only document the Camel properties crm-bridge sets in
 * application.properties: Camel reads and checks those itself.
 */
public final class Settings {

    /** The prefixes of crm-bridge's own properties: a name under one of them must be declared here. */
    public static final List<String> PREFIXES = List.of("crm-bridge.", "hubspot.", "sandbox.", "brevo.");

    private static final SettingGroup FOLDERS = SettingGroup.FOLDERS;
    private static final SettingGroup RULES = SettingGroup.RULES;
    private static final SettingGroup SALES = SettingGroup.SALES;
    private static final SettingGroup DATABASE = SettingGroup.DATABASE;
    private static final SettingGroup CLUSTER = SettingGroup.CLUSTER;
    private static final SettingGroup REMOTE = SettingGroup.REMOTE_SOURCES;
    private static final SettingGroup HUBSPOT = SettingGroup.HUBSPOT;
    private static final SettingGroup SANDBOX = SettingGroup.SANDBOX;
    private static final SettingGroup FAULTS = SettingGroup.SANDBOX_FAULTS;
    private static final SettingGroup PORTAL = SettingGroup.PORTAL_RULES;
    private static final SettingGroup SEED = SettingGroup.SANDBOX_SEED;
    private static final SettingGroup BREVO = SettingGroup.BREVO;
    private static final SettingGroup SYNC = SettingGroup.SYNC;
    private static final SettingGroup API = SettingGroup.API;
    private static final SettingGroup HTTP_INTAKE = SettingGroup.HTTP_INTAKE;
    private static final SettingGroup EVENTS = SettingGroup.EVENTS;
    private static final SettingGroup OPERATIONS = SettingGroup.OPERATIONS;
    private static final SettingGroup LAUNCHER = SettingGroup.LAUNCHER;
    private static final SettingGroup CAMEL = SettingGroup.CAMEL;

    private static final int MAX_PORT = 65_535;
    private static final int ANY = Integer.MAX_VALUE;

    // Folders and mode

    public static final Setting<String> INBOX = define(FOLDERS, "crm-bridge.inbox", text("a folder path"))
            .byDefault("inbox").feature("I1")
            .doc("folder watched for CSV files (`--inbox DIR`)");
    public static final Setting<String> OUTBOX = define(FOLDERS, "crm-bridge.outbox", text("a folder path"))
            .byDefault("outbox").feature("R1, R2")
            .doc("folder for `reports/` and `dead-letter/` (`--outbox DIR`)");
    public static final Setting<Boolean> ONCE = define(FOLDERS, "crm-bridge.once", bool())
            .byDefault("false").feature("I1")
            .doc("process what is in the inbox, then exit; set by `--once`");
    public static final Setting<Boolean> DRY_RUN = define(FOLDERS, "crm-bridge.dry-run", bool())
            .byDefault("false").feature("L7")
            .doc("validate and report, send nothing to HubSpot; set by `--dry-run`");
    public static final Setting<Boolean> READ_BEFORE_WRITE = define(FOLDERS, "crm-bridge.read-before-write", bool())
            .byDefault("true").feature("U1")
            .doc("before each upsert batch, read the records it touches (one `batch/read` per 100 rows): their prior"
                    + " values are kept so that an undo can restore them, and records that already hold the values are"
                    + " not sent (UNCHANGED); `false` saves that request and leaves updated records out of an undo"
                    + " (docs/undo.md)");
    public static final Setting<Integer> POLL_DELAY_MS = define(FOLDERS, "crm-bridge.poll-delay-ms", integer(1, ANY))
            .byDefault("1000").unit("ms").feature("I1")
            .doc("delay between two inbox polls that found nothing (the first poll is at start, and a poll that took"
                    + " files is followed by another at once)");
    public static final Setting<Integer> READ_LOCK_CHECK_MS = define(FOLDERS, "crm-bridge.read-lock-check-ms",
                    integer(1, ANY))
            .byDefault("500").unit("ms").feature("I1")
            .doc("a file must stay unchanged this long before it is taken: one not modified for that long is taken at"
                    + " the first check");
    public static final Setting<Long> RETRY_DELAY_MS = define(FOLDERS, "crm-bridge.retry-delay-ms",
                    longInteger(0, Long.MAX_VALUE))
            .byDefault("30000").unit("ms").feature("I1")
            .doc("a file whose import met an unavailable ledger database or outbox waits this long in the inbox"
                    + " before it is taken again");
    public static final Setting<Integer> BATCH_SIZE = define(FOLDERS, "crm-bridge.batch-size",
                    integer(1, BridgeSettings.HUBSPOT_MAX_BATCH))
            .byDefault("100").unit("records").feature("L1")
            .doc("records per HubSpot batch request (HubSpot takes at most 100: hubspot-api.md §1.5)");
    public static final Setting<DailyBudgetCheck.Mode> DAILY_BUDGET_MODE = define(FOLDERS,
                    "crm-bridge.daily-budget.mode", SettingType.of("one of", "one of warn, wait",
                            DailyBudgetCheck.Mode::parse))
            .byDefault("warn").feature("P2")
            .doc("a file whose estimated requests are more than the account's daily requests left (hubspot-api.md"
                    + " §10.4): `warn` (a WARN line naming the file, the estimate and what is left, then the file is"
                    + " sent) or `wait` (the file waits in the inbox, nothing sent, until HubSpot's daily count"
                    + " resets); [hubspot.md](hubspot.md)");
    public static final Setting<Integer> PROGRESS_SECONDS = define(FOLDERS, "crm-bridge.progress-seconds",
                    integer(1, ANY))
            .byDefault("5").unit("s").feature("R3")
            .doc("seconds between progress lines of a long file");

    // Validation rules and mapping

    public static final Setting<String> PHONE_DEFAULT_REGION = define(RULES, "crm-bridge.phone.default-region",
                    region())
            .byDefault("US").feature("V3")
            .doc("region of phones whose row has no usable country");
    public static final Setting<Integer> PHONE_CACHE_SIZE = define(RULES, "crm-bridge.phone.cache-size",
                    integer(0, ANY))
            .byDefault("50000").unit("numbers").feature("V3")
            .doc("phone results remembered by (number as written, region), a few MB; the same number in the same"
                    + " region is read once (0 remembers none)");
    public static final Setting<String> DATES_DEFAULT_ORDER = define(RULES, "crm-bridge.dates.default-order",
                    oneOf("DMY", "MDY"))
            .byDefault("DMY").feature("V4")
            .doc("order of an ambiguous slash date (`03/04/2024`) until the file settles it");
    public static final Setting<NumberConvention> NUMBERS_DEFAULT_DECIMAL_SEPARATOR = define(RULES,
                    "crm-bridge.numbers.default-decimal-separator", decimalSeparator())
            .byDefault(".").feature("I3")
            .doc("the number convention the report states for a file none of whose values proved one. It never"
                    + " decides an ambiguous value (`1.200` before a proof is left out with `AMBIGUOUS_NUMBER`)");
    public static final Setting<Integer> CSV_MAX_RECORD_LINES = define(RULES, "crm-bridge.csv.max-record-lines",
                    integer(1, ANY))
            .byDefault(Integer.toString(CsvLimits.DEFAULT.maxRecordLines())).unit("lines").feature("I3, I5")
            .doc("lines one CSV record may span before an open quote is judged broken and its first line rejected"
                    + " ([broken-csv.md](broken-csv.md))");
    public static final Setting<Integer> CSV_MAX_RECORD_CHARS = define(RULES, "crm-bridge.csv.max-record-chars",
                    integer(1, ANY))
            .byDefault(Integer.toString(CsvLimits.DEFAULT.maxRecordChars())).unit("characters").feature("I3, I5")
            .doc("characters one CSV record (and one line) may hold, judged the same way");
    public static final Setting<String> HEADER_ALIASES_FILE = define(RULES, "crm-bridge.mapping.header-aliases-file",
                    optionalPath("a file path, or empty"))
            .feature("I4")
            .doc("a file of header aliases in the format of `src/main/resources/mapping/header-aliases.properties`"
                    + " (column names -> fields) whose fields replace the bundled ones; empty: the bundled file");
    public static final Setting<String> HUBSPOT_PROPERTIES_FILE = define(RULES,
                    "crm-bridge.mapping.hubspot-properties-file", optionalPath("a file path, or empty"))
            .feature("I4")
            .doc("a file of field -> HubSpot property lines in the format of"
                    + " `src/main/resources/mapping/hubspot-properties.properties`; each line replaces the bundled line"
                    + " of the same `<object>.<field>`, new fields are added, the other bundled lines stay");
    public static final Setting<String> TICKET_CODES_FILE = define(RULES, "crm-bridge.mapping.ticket-codes-file",
                    optionalPath("a file path, or empty"))
            .feature("I4")
            .doc("a file replacing the bundled ticket status, priority, category and channel mappings"
                    + " (`src/main/resources/validation/ticket-codes.properties`)");
    public static final Setting<String> TICKETS_DEFAULT_PIPELINE = define(RULES, "crm-bridge.tickets.default-pipeline",
                    text("a HubSpot pipeline id"))
            .byDefault("0").feature("L1")
            .doc("`hs_pipeline` of tickets without one");
    public static final Setting<String> TICKETS_DEFAULT_STAGE = define(RULES, "crm-bridge.tickets.default-stage",
                    text("a HubSpot pipeline stage id"))
            .byDefault("1").feature("L1")
            .doc("`hs_pipeline_stage` of tickets without a mapped status (in the default pipeline: 1 new, 2 waiting on"
                    + " contact, 3 waiting on us, 4 closed)");

    // Sales ledger

    public static final Setting<NumberConvention> SALES_DECIMAL_SEPARATOR = define(SALES,
                    "crm-bridge.sales.numbers.default-decimal-separator", decimalSeparator())
            .byDefault(",").feature("W1")
            .doc("the same as `crm-bridge.numbers.default-decimal-separator` for sales-ledger files (the exports are"
                    + " French: a decimal comma unless a file proves otherwise)");
    public static final Setting<String> SALES_PHONE_REGION = define(SALES, "crm-bridge.sales.phone-region", region())
            .byDefault("FR").feature("W1")
            .doc("region of sales-ledger phones whose row has no usable `pays`");
    public static final Setting<Optional<LocalDate>> SALES_REFERENCE_DATE = define(SALES,
                    "crm-bridge.sales.reference-date", optionalDate())
            .feature("W2")
            .doc("date recency is measured to; empty: the latest delivery date in the ledger");
    public static final Setting<Integer> SALES_RECOMMENDATIONS_MAX = define(SALES,
                    "crm-bridge.sales.recommendations.max", integer(0, ANY))
            .byDefault("3").unit("products").feature("W2")
            .doc("co-purchase recommendations kept per client");
    public static final Setting<Double> SALES_RECOMMENDATIONS_MIN_SUPPORT = define(SALES,
                    "crm-bridge.sales.recommendations.min-support", decimal(0, 1))
            .byDefault("0.02").unit("share").feature("W2")
            .doc("least support of a co-purchase rule: the share of clients who bought both products");
    public static final Setting<Double> SALES_RECOMMENDATIONS_MIN_CONFIDENCE = define(SALES,
                    "crm-bridge.sales.recommendations.min-confidence", decimal(0, 1))
            .byDefault("0.2").unit("share").feature("W2")
            .doc("least confidence of a co-purchase rule: the share of the first product's buyers who bought the"
                    + " second");
    public static final Setting<Double> SALES_REBUY_TOLERANCE = define(SALES, "crm-bridge.sales.rebuy.tolerance",
                    decimal(1, Double.MAX_VALUE))
            .byDefault("1.25").unit("times").feature("W2")
            .doc("a product is overdue past this multiple of the client's usual interval between two purchases");
    public static final Setting<Integer> SALES_REBUY_MAX = define(SALES, "crm-bridge.sales.rebuy.max", integer(0, ANY))
            .byDefault("3").unit("products").feature("W2")
            .doc("rebuy suggestions kept per client");
    public static final Setting<Boolean> SALES_PUSH = define(SALES, "crm-bridge.sales.push", bool())
            .byDefault("true").feature("W3")
            .doc("after each sales-ledger import, push the scored clients to HubSpot and Brevo"
                    + " ([sales-ledger.md](sales-ledger.md))");
    public static final Setting<Boolean> SALES_CAMPAIGNS_ENABLED = define(SALES, "crm-bridge.sales.campaigns.enabled",
                    bool())
            .byDefault("false").feature("W4")
            .doc("create Brevo e-mail campaigns per segment on the campaign schedule ([campaigns.md](campaigns.md));"
                    + " off, the schedule is not even created: mailing clients is a decision");
    public static final Setting<String> SALES_CAMPAIGNS_CRON = define(SALES, "crm-bridge.sales.campaigns.cron",
                    SettingType.of("cron", "a Quartz cron expression, + for spaces", Settings::cron))
            .byDefault("0+0+10+?+*+TUE#1").feature("W4")
            .doc("Quartz cron of the campaign schedule, `+` for spaces (the default: the first Tuesday of the month at"
                    + " 10:00)");
    public static final Setting<String> SALES_CAMPAIGNS_STATUS_CRON = define(SALES,
                    "crm-bridge.sales.campaigns.status-cron",
                    SettingType.of("cron", "a Quartz cron expression, + for spaces", Settings::cron))
            .byDefault("0+0/5+*+*+*+?").feature("W4")
            .doc("Quartz cron of the status check, `+` for spaces (the default: every 5 minutes): each scheduled"
                    + " campaign whose `scheduledAt` has passed is read back from Brevo and logged `sent` or `failed`"
                    + " ([campaigns.md](campaigns.md#after-scheduledat))");
    public static final Setting<ZoneId> SALES_CAMPAIGNS_TIME_ZONE = define(SALES, "crm-bridge.sales.campaigns.time-zone",
                    zoneId())
            .byDefault("Europe/Paris").feature("W4")
            .doc("time zone of the campaign schedule and of its periods");
    public static final Setting<String> SALES_CAMPAIGNS_PERIOD = define(SALES, "crm-bridge.sales.campaigns.period",
                    oneOf("month", "week"))
            .byDefault("month").feature("W4, W5")
            .doc("the period a segment gets at most one campaign in, and the mail cap counts in");
    public static final Setting<Long> SALES_CAMPAIGNS_SEND_DELAY_MINUTES = define(SALES,
                    "crm-bridge.sales.campaigns.send-delay-minutes", longInteger(1, 60L * 24 * 30))
            .byDefault("60").unit("minutes").feature("W4")
            .doc("a campaign's `scheduledAt` is this long after the firing that created it (time to look at it or"
                    + " cancel it in Brevo)");
    public static final Setting<String> SALES_CAMPAIGNS_SENDER_EMAIL = define(SALES,
                    "crm-bridge.sales.campaigns.sender-email", text("an e-mail address of a sender verified in Brevo"))
            .byDefault("caviste@example.com").feature("W4")
            .doc("the campaigns' sender address (a sender verified in the Brevo account)");
    public static final Setting<String> SALES_CAMPAIGNS_SENDER_NAME = define(SALES,
                    "crm-bridge.sales.campaigns.sender-name", text("any text"))
            .byDefault("Votre caviste").feature("W4")
            .doc("the campaigns' sender name");
    public static final Setting<Integer> SALES_CAMPAIGNS_MAX_PER_CLIENT = define(SALES,
                    "crm-bridge.sales.campaigns.max-per-client", integer(1, ANY))
            .byDefault("1").unit("mails").feature("W5")
            .doc("most campaign mails a client receives per period (a client whose segment changed within the"
                    + " period is not mailed again)");
    public static final Setting<List<String>> SALES_CAMPAIGNS_NEVER_MAILED = define(SALES,
                    "crm-bridge.sales.campaigns.never-mailed", list("comma-separated RFM segments"))
            .byDefault("lost").feature("W5")
            .doc("segments that never get a campaign");
    public static final Setting<List<String>> SALES_CAMPAIGNS_WITHDRAWN_PRODUCTS = define(SALES,
                    "crm-bridge.sales.campaigns.withdrawn-products", list("comma-separated product labels"))
            .byDefault("").feature("W5")
            .doc("products withdrawn from sale, by label (`produit`, case and outer spaces ignored): never in a"
                    + " campaign's recommendations or rebuy suggestions");

    // Ledger database

    public static final Setting<String> DB_URL = define(DATABASE, "crm-bridge.db.url",
                    SettingType.of("JDBC URL", "a JDBC URL (jdbc:...), or empty", Settings::jdbcUrl))
            .feature("L6, E3")
            .doc("JDBC URL of the ledger, H2 or PostgreSQL (`jdbc:postgresql://HOST:5432/DATABASE`: the database"
                    + " must exist, the migrations create its tables at start; docs/cluster.md); empty means"
                    + " `jdbc:h2:file:./var/crm-bridge` with a real portal and an"
                    + " in-memory database with the sandbox (the sandbox forgets its records at exit, and a ledger"
                    + " that outlived them would skip records as unchanged)");
    public static final Setting<String> DB_USER = define(DATABASE, "crm-bridge.db.user", text("a database user"))
            .byDefault("sa").feature("L6, E3")
            .doc("ledger database user (`sa` is H2's; set it to the PostgreSQL role with PostgreSQL)");
    public static final Setting<String> DB_PASSWORD = define(DATABASE, "crm-bridge.db.password", printable())
            .secret().feature("L6, E3")
            .doc("ledger database password");
    public static final Setting<Integer> DB_MAX_CONNECTIONS = define(DATABASE, "crm-bridge.db.max-connections",
                    integer(1, ANY))
            .byDefault("8").unit("connections").feature("L6, E3")
            .doc("ledger connection pool size (HikariCP; one connection is kept open, the others opened as needed)");

    // Several instances

    public static final Setting<Boolean> CLUSTER_ENABLED = define(CLUSTER, "crm-bridge.cluster.enabled", bool())
            .byDefault("false").feature("O5")
            .doc("this instance shares the inbox, the HubSpot budget and the scheduled syncs with the other instances"
                    + " of the same `crm-bridge.db.url`, which must then be a PostgreSQL database");
    public static final Setting<String> CLUSTER_INSTANCE_ID = define(CLUSTER, "crm-bridge.cluster.instance-id",
                    text("letters, digits, dots, dashes and underscores, or empty"))
            .feature("O5")
            .doc("this instance's name among the others (shown on health pages and in the ledger); empty means"
                    + " `<host name>-<process id>`, new at each start");
    public static final Setting<Integer> CLUSTER_HEARTBEAT_MS = define(CLUSTER, "crm-bridge.cluster.heartbeat-ms",
                    integer(100, ANY))
            .byDefault("5000").unit("ms").feature("O5")
            .doc("how often an instance tells the database it is alive");
    public static final Setting<Integer> CLUSTER_DEAD_AFTER_MS = define(CLUSTER, "crm-bridge.cluster.dead-after-ms",
                    integer(1000, ANY))
            .byDefault("30000").unit("ms").feature("O5")
            .doc("an instance silent this long is taken for dead: its unfinished files are taken over by another");

    // Remote sources (docs/sources.md)

    public static final Setting<String> REMOTE_KNOWN_HOSTS_FILE = define(REMOTE, "crm-bridge.remote.known-hosts-file",
                    text("a file path"))
            .byDefault("known_hosts").feature("X1")
            .doc("OpenSSH known-hosts file an SFTP server's host key is checked against (strictly: a server missing from"
                    + " it, or whose key differs, is refused); a source's `knownHostsFile` parameter overrides it");
    public static final Setting<Integer> REMOTE_POLL_DELAY_MS = define(REMOTE, "crm-bridge.remote.poll-delay-ms",
                    integer(1, ANY))
            .byDefault("60000").unit("ms").feature("X1")
            .doc("delay between two polls of a remote source that found nothing");
    public static final Setting<Integer> REMOTE_READ_LOCK_MIN_AGE_MS = define(REMOTE,
                    "crm-bridge.remote.read-lock-min-age-ms", integer(0, ANY))
            .byDefault("5000").unit("ms").feature("X1")
            .doc("a remote file is taken once its size and modification time stay the same and it is at least this"
                    + " old (servers give modification times to the second): a file still being uploaded is left");
    public static final Setting<Integer> REMOTE_READ_LOCK_TIMEOUT_MS = define(REMOTE,
                    "crm-bridge.remote.read-lock-timeout-ms", integer(1, ANY))
            .byDefault("20000").unit("ms").feature("X1")
            .doc("how long one poll waits for a file to stop changing before it leaves it to a later poll");
    public static final Setting<Integer> REMOTE_BACKOFF_MULTIPLIER = define(REMOTE,
                    "crm-bridge.remote.backoff-multiplier", integer(1, ANY))
            .byDefault("10").unit("polls").feature("X1")
            .doc("after a poll that failed (server unreachable, login or host key refused), this many polls are"
                    + " skipped before the next try (camel-ftp's `backoffMultiplier`); the local inbox and the other"
                    + " sources go on meanwhile");

    // HubSpot

    public static final Setting<String> HUBSPOT_SANDBOX = define(HUBSPOT, "hubspot.sandbox",
                    oneOf("auto", "true", "false"))
            .byDefault("auto").feature("O1")
            .doc("`auto`: the embedded sandbox when no token is set; `true`: always the sandbox; `false`: never (a"
                    + " missing token then stops the start)");
    public static final Setting<String> HUBSPOT_BASE_URL = define(HUBSPOT, "hubspot.base-url", httpUrl())
            .byDefault("https://api.hubapi.com").feature("O2")
            .doc("HubSpot API base URL");
    public static final Setting<String> HUBSPOT_ACCESS_TOKEN_FILE = define(HUBSPOT, "hubspot.access-token-file",
                    optionalPath("a file path, or empty"))
            .feature("O2")
            .doc("file holding the token (a service key's, or an existing private app's: HubSpot no longer lets"
                    + " anyone create one, [hubspot.md](hubspot.md)), read when the environment variable"
                    + " `HUBSPOT_ACCESS_TOKEN` is not set; the path is not a secret, the file is");
    public static final Setting<HubSpotPaths> HUBSPOT_API_VERSION = define(HUBSPOT, "hubspot.api-version",
                    SettingType.of("version", "a date-based version yyyy-MM such as 2026-09, or v3", HubSpotPaths::new))
            .byDefault(HubSpotPaths.DEFAULT_VERSION).feature("O7")
            .doc("HubSpot's API version: `2026-09` (current; `/crm/objects/2026-09`, `/crm/properties/2026-09`,"
                    + " `/crm/associations/2026-09`; failed inputs of a batch come back in its 200/201), `2026-03`"
                    + " (same paths with its date; failed inputs in a 207), or `v3` (objects and properties under"
                    + " `/crm/v3`, associations under `/crm/v4`; HubSpot stops supporting v4 associations on March 30,"
                    + " 2027 and v3 in September 2027). The embedded sandbox answers each as its own documents say");
    public static final Setting<Integer> HUBSPOT_REQUESTS_PER_TEN_SECONDS = define(HUBSPOT,
                    "hubspot.requests-per-ten-seconds", integer(1, ANY))
            .byDefault("190").unit("requests").feature("L4")
            .doc("client-side request budget per 10 s (HubSpot: 100, 190 or 250 by tier, per app: other apps of the"
                    + " portal do not spend it; they share the account's daily limit, see"
                    + " `crm-bridge.daily-budget.mode`), every request and redelivery included except association"
                    + " batches and searches, which HubSpot leaves out of its 10-second window. A request's permit"
                    + " comes back 10.05 s after its answer (HubSpot counted it before answering, so its rolling 10 s"
                    + " window never overflows whatever the network's delay), or 10.25 s after its send when that is"
                    + " sooner (a slow answer). With `crm-bridge.cluster.enabled` the instances of one token share one"
                    + " token bucket in the database instead, at least 3 ([cluster.md](cluster.md#one-hubspot-budget))");
    public static final Setting<Integer> HUBSPOT_MAX_ATTEMPTS = define(HUBSPOT, "hubspot.max-attempts",
                    integer(1, ANY))
            .byDefault("6").unit("attempts").feature("L3")
            .doc("attempts per request, the first included");
    public static final Setting<Long> HUBSPOT_BACKOFF_INITIAL_MS = define(HUBSPOT, "hubspot.backoff-initial-ms",
                    longInteger(0, Long.MAX_VALUE))
            .byDefault("500").unit("ms").feature("L3")
            .doc("first redelivery delay; doubles per attempt, with jitter");
    public static final Setting<Long> HUBSPOT_BACKOFF_MAX_MS = define(HUBSPOT, "hubspot.backoff-max-ms",
                    longInteger(0, Long.MAX_VALUE))
            .byDefault("30000").unit("ms").feature("L3")
            .doc("cap of one redelivery delay");

    // HubSpot sandbox and emulator

    public static final Setting<String> SANDBOX_HOST = define(SANDBOX, "sandbox.host", text("a host name or address"))
            .byDefault("127.0.0.1").feature("O1, O6")
            .doc("interface the sandbox binds (`0.0.0.0`: every interface, e.g. an emulator in a container)");
    public static final Setting<Integer> SANDBOX_PORT = define(SANDBOX, "sandbox.port", integer(0, MAX_PORT))
            .byDefault("0").unit("port").feature("O1, O6")
            .doc("sandbox port (0: any free port)");
    public static final Setting<String> SANDBOX_TOKEN = define(SANDBOX, "sandbox.token", printable())
            .secret().feature("O6")
            .doc("the emulator's Bearer token ([hubspot-emulator.md](hubspot-emulator.md)); empty: one made up and"
                    + " printed at start. The sandbox inside crm-bridge always makes up its own");
    public static final Setting<Integer> SANDBOX_MAX_BATCH_INPUTS = define(SANDBOX, "sandbox.max-batch-inputs",
                    integer(1, ANY))
            .byDefault("100").unit("inputs").feature("O1, O6")
            .doc("inputs the sandbox accepts per batch request");
    public static final Setting<Integer> SANDBOX_REQUESTS_PER_TEN_SECONDS = define(SANDBOX,
                    "sandbox.requests-per-ten-seconds", integer(0, ANY))
            .byDefault("190").unit("requests").feature("O1, O6")
            .doc("the sandbox's rolling 10-second rate limit by tier: 100 Free/Starter, 190 Professional/Enterprise,"
                    + " 250 with the API limit increase (0 disables it and the search limit). As HubSpot, it leaves"
                    + " association batches and searches out of the window and sends them no"
                    + " `X-HubSpot-RateLimit-Max` / `-Remaining` / `-Interval-Milliseconds`; they count toward"
                    + " `sandbox.daily-limit`, and searches have a limit of 5 a second");
    public static final Setting<Long> SANDBOX_DAILY_LIMIT = define(SANDBOX, "sandbox.daily-limit",
                    longInteger(0, Long.MAX_VALUE))
            .byDefault(Long.toString(SandboxConfig.DEFAULT_DAILY_LIMIT)).unit("requests").feature("O1, O6, P2")
            .doc("the sandbox's daily request budget (250000 Free/Starter, 625000 Professional, 1000000 Enterprise),"
                    + " sent in `X-HubSpot-RateLimit-Daily` / `-Daily-Remaining` and answered by the daily usage read"
                    + " (`/account-info/<version>/api-usage/daily/private-apps`); reset at midnight in"
                    + " `sandbox.time-zone`; 0 disables it");
    public static final Setting<ZoneId> SANDBOX_TIME_ZONE = define(SANDBOX, "sandbox.time-zone", zoneId())
            .byDefault("UTC").feature("O1, O6, P2")
            .doc("the sandbox portal's time zone: its daily count resets at midnight there, as HubSpot's does in the"
                    + " account's");
    public static final Setting<List<String>> SANDBOX_SCOPES = define(SANDBOX, "sandbox.scopes",
                    list("comma-separated scope names, or empty"))
            .feature("O1, O6")
            .doc("scopes the sandbox token has; a call needing another answers 403 `MISSING_SCOPES`; empty: every"
                    + " scope of [hubspot.md](hubspot.md) \"Scopes\" (the emulator: every scope it"
                    + " checks)");

    // Sandbox faults

    public static final Setting<Long> FAULTS_SEED = define(FAULTS, "sandbox.faults.seed",
                    longInteger(Long.MIN_VALUE, Long.MAX_VALUE))
            .byDefault("1").feature("O1")
            .doc("seed of the fault draws (the HubSpot and the Brevo sandbox): the same seed and request sequence give"
                    + " the same faults (concurrent requests may take them in another order)");
    public static final Setting<Double> FAULTS_SERVER_ERROR_RATE = define(FAULTS, "sandbox.faults.server-error-rate",
                    decimal(0, 1))
            .byDefault("0").unit("share").feature("O1, L3")
            .doc("share of API calls answered 500, 502, 503 or 504");
    public static final Setting<Double> FAULTS_LOCKED_RATE = define(FAULTS, "sandbox.faults.locked-rate",
                    decimal(0, 1))
            .byDefault("0").unit("share").feature("O1, L3")
            .doc("share answered 423 Locked");
    public static final Setting<Double> FAULTS_RATE_LIMITED_RATE = define(FAULTS, "sandbox.faults.rate-limited-rate",
                    decimal(0, 1))
            .byDefault("0").unit("share").feature("O1, L3")
            .doc("share answered 429 `TEN_SECONDLY_ROLLING` without `Retry-After`");
    public static final Setting<Double> FAULTS_RETRY_AFTER_RATE = define(FAULTS, "sandbox.faults.retry-after-rate",
                    decimal(0, 1))
            .byDefault("0").unit("share").feature("O1, L3")
            .doc("share answered 429 with `Retry-After`");
    public static final Setting<Integer> FAULTS_RETRY_AFTER_SECONDS = define(FAULTS,
                    "sandbox.faults.retry-after-seconds", integer(0, ANY))
            .byDefault(Integer.toString(SandboxFaults.DEFAULT_RETRY_AFTER_SECONDS)).unit("s").feature("O1, L3")
            .doc("the `Retry-After` of those 429s");
    public static final Setting<String> FAULTS_LATENCY_MS = define(FAULTS, "sandbox.faults.latency-ms",
                    SettingType.of("latency", "a time in ms such as 50, or a range such as 20-80", s -> {
                        SandboxFaults.none().withLatency(s);
                        return s;
                    }))
            .byDefault("0").unit("ms").feature("O1")
            .doc("latency added to every API call: `50` (fixed) or `20-80` (uniform range)");
    public static final Setting<Double> FAULTS_DROP_RATE = define(FAULTS, "sandbox.faults.drop-rate", decimal(0, 1))
            .byDefault("0").unit("share").feature("O1, L3")
            .doc("share of API calls whose connection is closed without an answer");

    // Sandbox portal rules

    public static final Setting<String> PORTAL_REQUIRED_ON_CREATE = define(PORTAL,
                    "sandbox.portal-rules.required-on-create", SettingType.of("rules",
                            "comma-separated <type>.<property>, or empty", s -> {
                                PortalRules.parse(s, "", "");
                                return s;
                            }))
            .feature("P1")
            .doc("fields the sandbox portal's \"create record\" form requires, comma-separated `<type>.<property>`"
                    + " (`contacts.jobtitle`; the type by name or id, `0-1`): a write through a path of version"
                    + " 2026-09 or later that creates a record without one is answered 400 `VALIDATION_ERROR` \"Cannot"
                    + " create object with type: CONTACT. The following required properties were missing:"
                    + " [jobtitle]\"; updates and older versions are not checked (hubspot-api.md §10.3)");
    public static final Setting<String> PORTAL_CONDITIONAL_REQUIRED = define(PORTAL,
                    "sandbox.portal-rules.conditional-required", SettingType.of("rules",
                            "comma-separated <type>.<property> if <property>=<value>, or empty", s -> {
                                PortalRules.parse("", s, "");
                                return s;
                            }))
            .feature("P1")
            .doc("properties required once another has a value, comma-separated `<type>.<property> if"
                    + " <property>=<value>` (`contacts.company if lifecyclestage=customer`): checked on creates and"
                    + " updates through 2026-09 paths, on the record as the write leaves it, with the same answer"
                    + " (\"Cannot update object ...\")");
    public static final Setting<String> PORTAL_PROPERTY_VALIDATIONS = define(PORTAL,
                    "sandbox.portal-rules.property-validations", SettingType.of("rules",
                            "';'-separated <type>.<property> <RULE_TYPE> [arguments], or empty", s -> {
                                PortalRules.parse("", "", s);
                                return s;
                            }))
            .feature("P1")
            .doc("the sandbox portal's property validation rules, `;`-separated `<type>.<property> <RULE_TYPE>"
                    + " [arguments]` with a rule type of HubSpot's enum (propertyValidations.json), arguments"
                    + " comma-separated, a `REGEX`'s pattern as written (`contacts.zip ALPHANUMERIC NUMERIC_ONLY;"
                    + " contacts.firstname MAX_LENGTH 40`). Served by `GET"
                    + " /crm/property-validations/<version>/{objectTypeId}` (also `/{propertyName}` and"
                    + " `/{propertyName}/rule-type/{ruleType}`, type by id or name; scope `crm.schemas.<type>.read`,"
                    + " `tickets` for tickets) and enforced on writes of every API version, as HubSpot has done since"
                    + " July 2023: a value that breaks a rule checked in [import.md](import.md) step 6 is"
                    + " refused in the \"Property values were not valid\" answer (`INVALID_NUMERIC` \"Enter only"
                    + " numbers\", `INVALID_ALPHA` \"Enter only letters\", `INVALID_ALPHANUMERIC`, else"
                    + " `INVALID_<RULE_TYPE>`); the other rule types are served but not enforced");

    // Sandbox seeding

    public static final Setting<String> SEED_CONTACTS = define(SEED, "sandbox.seed-contacts",
                    SettingType.of("seed", "a customers CSV path, generate:N with N > 0, or empty", Settings::seedSpec))
            .feature("S1")
            .doc("contacts the sandbox starts with: a customers CSV (`First Name, Last Name, Company, Email, Phone 1`,"
                    + " the shape of `../shared/datasets/customers-10000.csv`) or `generate:N` made-up contacts");
    public static final Setting<Long> SEED_RANDOM = define(SEED, "sandbox.seed-random",
                    longInteger(Long.MIN_VALUE, Long.MAX_VALUE))
            .byDefault("42").feature("S1")
            .doc("seed of the seeded contacts' dates, stages and titles");
    public static final Setting<Integer> SEED_LISTS = define(SEED, "sandbox.seed-lists", integer(0, ANY))
            .byDefault("0").unit("lists").feature("S1")
            .doc("spread the seeded contacts over this many static contact lists (`1`, `2`, ...; each contact joins"
                    + " each with probability 0.3)");

    // Brevo

    public static final Setting<String> BREVO_SANDBOX = define(BREVO, "brevo.sandbox", oneOf("auto", "true", "false"))
            .byDefault("auto").feature("W3")
            .doc("`auto`: the embedded Brevo sandbox when no key is set; `true`: always the sandbox; `false`: never (a"
                    + " missing key then stops the start)");
    public static final Setting<String> BREVO_BASE_URL = define(BREVO, "brevo.base-url", httpUrl())
            .byDefault("https://api.brevo.com").feature("W3")
            .doc("Brevo API base URL");
    public static final Setting<String> BREVO_API_KEY = define(BREVO, "brevo.api-key", printable())
            .secret().feature("W3")
            .doc("the Brevo API v3 key; empty: the environment variable `BREVO_API_KEY` (prefer it: a key in a file"
                    + " is easily committed)");
    public static final Setting<Integer> BREVO_REQUESTS_PER_SECOND = define(BREVO, "brevo.requests-per-second",
                    integer(1, ANY))
            .byDefault("10").unit("requests").feature("W3")
            .doc("client-side request budget per second (Brevo's contacts endpoints: 10 a second, 20 on"
                    + " Professional/Enterprise)");
    public static final Setting<Integer> BREVO_MAX_ATTEMPTS = define(BREVO, "brevo.max-attempts", integer(1, ANY))
            .byDefault("6").unit("attempts").feature("W3")
            .doc("attempts per Brevo request, the first included");
    public static final Setting<Long> BREVO_BACKOFF_INITIAL_MS = define(BREVO, "brevo.backoff-initial-ms",
                    longInteger(0, Long.MAX_VALUE))
            .byDefault("500").unit("ms").feature("W3")
            .doc("first Brevo redelivery delay; doubles per attempt, with jitter");
    public static final Setting<Long> BREVO_BACKOFF_MAX_MS = define(BREVO, "brevo.backoff-max-ms",
                    longInteger(0, Long.MAX_VALUE))
            .byDefault("30000").unit("ms").feature("W3")
            .doc("cap of one Brevo redelivery delay");
    public static final Setting<String> BREVO_FOLDER_NAME = define(BREVO, "brevo.folder-name", text("a folder name"))
            .byDefault("crm-bridge").feature("W3")
            .doc("Brevo folder the segment lists are created in");
    public static final Setting<String> BREVO_LIST_PREFIX = define(BREVO, "brevo.list-prefix", text("any text"))
            .byDefault("rfm-").feature("W3")
            .doc("Brevo list of a segment: this prefix and the segment name (`rfm-champions`)");
    public static final Setting<Integer> BREVO_SANDBOX_PORT = define(BREVO, "brevo.sandbox.port",
                    integer(0, MAX_PORT))
            .byDefault("0").unit("port").feature("W3")
            .doc("Brevo sandbox port on 127.0.0.1 (0: any free port)");
    public static final Setting<Integer> BREVO_SANDBOX_REQUESTS_PER_SECOND = define(BREVO,
                    "brevo.sandbox.requests-per-second", integer(0, ANY))
            .byDefault(Integer.toString(BrevoSandboxConfig.DEFAULT_REQUESTS_PER_SECOND)).unit("requests")
            .feature("W3")
            .doc("the Brevo sandbox's one-second rate limit (0 disables it and its headers); its faults are"
                    + " `sandbox.faults.*`");

    // Contact sync

    public static final Setting<Boolean> SYNC_ENABLED = define(SYNC, "crm-bridge.sync.enabled", bool())
            .byDefault("false").feature("S1")
            .doc("start the contact sync routes (scheduled and `direct:contact-sync`); without it the scheduled route"
                    + " is not even created");
    public static final Setting<String> SYNC_CRON = define(SYNC, "crm-bridge.sync.cron",
                    SettingType.of("cron", "a Quartz cron expression, + for spaces", Settings::cron))
            .byDefault("0+0/15+*+*+*+?").feature("S1")
            .doc("Quartz cron of the scheduled sync, `+` for spaces (the default: every 15 minutes)");
    public static final Setting<String> SYNC_SCHEDULED_MODE = define(SYNC, "crm-bridge.sync.scheduled-mode",
                    oneOf("FULL", "INCREMENTAL"))
            .byDefault("INCREMENTAL").feature("S1")
            .doc("what the scheduled sync runs");
    public static final Setting<List<String>> SYNC_PROPERTIES = define(SYNC, "crm-bridge.sync.properties",
                    list("comma-separated HubSpot contact properties"))
            .byDefault(ContactSync.DEFAULT_PROPERTIES).feature("S1")
            .doc("contact properties fetched (all stored as JSON)");
    public static final Setting<Long> SYNC_OVERLAP_SECONDS = define(SYNC, "crm-bridge.sync.overlap-seconds",
                    longInteger(0, Long.MAX_VALUE))
            .byDefault("300").unit("s").feature("S1")
            .doc("an incremental sync starts this long before the last watermark (search results lag)");
    public static final Setting<Long> SYNC_SEARCH_SPACING_MS = define(SYNC, "crm-bridge.sync.search-spacing-ms",
                    longInteger(0, Long.MAX_VALUE))
            .byDefault("210").unit("ms").feature("S1, L4")
            .doc("least time between two search requests (HubSpot: 5 a second)");
    public static final Setting<Boolean> SYNC_LIST_MEMBERSHIPS = define(SYNC, "crm-bridge.sync.list-memberships",
                    bool())
            .byDefault("false").feature("S1")
            .doc("also fetch each contact's list memberships (one batch read per 100 contacts; scope"
                    + " `crm.lists.read`)");
    public static final Setting<Boolean> SYNC_INCREMENTAL_ARCHIVED = define(SYNC,
                    "crm-bridge.sync.incremental-archived", bool())
            .byDefault("true").feature("S1")
            .doc("incremental runs also page the `archived=true` listing to flag archived contacts (search never"
                    + " returns archived contacts)");
    public static final Setting<String> SEGMENT_CHAINGE_WORD = define(SYNC,
                    "crm-bridge.sync.segments.chainge.company-word", text("any text"))
            .byDefault("chainge").feature("S2")
            .doc("word that puts a contact whose company contains it in `chainge` (any case; empty disables)");
    public static final Setting<Integer> SEGMENT_ENGAGED_DAYS = define(SYNC, "crm-bridge.sync.segments.engaged.days",
                    integer(0, ANY))
            .byDefault("30").unit("days").feature("S2")
            .doc("modified within this many days: `engaged`");
    public static final Setting<Integer> SEGMENT_COLD_DAYS = define(SYNC, "crm-bridge.sync.segments.cold.days",
                    integer(0, ANY))
            .byDefault("90").unit("days").feature("S2")
            .doc("unmodified for more than this many days: `cold`");
    public static final Setting<List<String>> SEGMENT_HIGH_VALUE_STAGES = define(SYNC,
                    "crm-bridge.sync.segments.high-value.stages", list("comma-separated lifecycle stages"))
            .byDefault("customer,evangelist,opportunity").feature("S2")
            .doc("lifecycle stages of `high_value` (any case)");

    // REST API

    public static final Setting<String> API_TOKEN = define(API, "crm-bridge.api.token", printable())
            .secret().feature("S3, O4")
            .doc("bearer token of every `/api` endpoint and the console's login ([console.md](console.md)); empty:"
                    + " the environment variable `CRM_BRIDGE_API_TOKEN`, and when that is empty too every API request"
                    + " is answered 401 and the console says how to set one");
    public static final Setting<Long> CONSOLE_UPLOAD_MAX_BYTES = define(API, "crm-bridge.console.upload-max-bytes",
                    longInteger(1, Long.MAX_VALUE))
            .byDefault("209715200").unit("bytes").feature("O4")
            .doc("largest file `POST /api/uploads` and the console's Upload take (default 200 MiB); a bigger one is"
                    + " refused 413 ([console.md](console.md#upload-files))");

    // Rows posted over HTTP

    public static final Setting<Long> ROWS_MAX_BYTES = define(HTTP_INTAKE, "crm-bridge.rows.max-bytes",
                    longInteger(1, Long.MAX_VALUE))
            .byDefault("20971520").unit("bytes").feature("X1")
            .doc("largest body `POST /api/rows/{objectType}` takes (default 20 MiB); a bigger one is refused 400 and"
                    + " should be dropped as a file instead ([http-intake.md](http-intake.md))");
    public static final Setting<Integer> ROWS_ANSWER_MAX_ROWS = define(HTTP_INTAKE, "crm-bridge.rows.answer-max-rows",
                    integer(0, ANY))
            .byDefault("10").unit("rows").feature("X1")
            .doc("a post of at most this many rows waits for its run and is answered 200 with each row's outcome;"
                    + " a larger one is answered 202 with its run id at once ([http-intake.md](http-intake.md))");
    public static final Setting<Long> ROWS_ANSWER_WAIT_MS = define(HTTP_INTAKE, "crm-bridge.rows.answer-wait-ms",
                    longInteger(0, Long.MAX_VALUE))
            .byDefault("60000").unit("ms").feature("X1")
            .doc("how long a small post waits for its run (behind the files before it in the inbox) before it is"
                    + " answered 202 with its run id ([http-intake.md](http-intake.md))");
    // Completion events

    public static final Setting<String> EVENTS_BASE_URL = define(EVENTS, "crm-bridge.events.base-url",
                    SettingType.of("URL", "an http or https URL, or empty", Settings::optionalHttpUrl))
            .feature("X2")
            .doc("the console's address as the event's receivers reach it, e.g. `https://crm-bridge.example.com`: the"
                    + " start of the report and dead-letter links of an event; empty: the links are paths such as"
                    + " `/console/imports/7/files/report.json`");
    public static final Setting<String> EVENTS_WEBHOOK_URL = define(EVENTS, "crm-bridge.events.webhook.url",
                    SettingType.of("URL", "an http or https URL, or empty", Settings::optionalHttpUrl))
            .feature("X2")
            .doc("where each event is POSTed (camel-http), signed with HMAC-SHA256 (headers `X-CrmBridge-Timestamp`"
                    + " and `X-CrmBridge-Signature`, [events.md](events.md#the-signature)); empty: no webhook. A URL"
                    + " with no signing secret stops the start");
    public static final Setting<String> EVENTS_WEBHOOK_SECRET_FILE = define(EVENTS,
                    "crm-bridge.events.webhook.secret-file", optionalPath("a file path, or empty"))
            .feature("X2")
            .doc("file whose first line is the webhook's signing secret, read when the environment variable"
                    + " `CRM_BRIDGE_EVENTS_WEBHOOK_SECRET` is not set; the path is not a secret, the file is");
    public static final Setting<String> EVENTS_KAFKA_BROKERS = define(EVENTS, "crm-bridge.events.kafka.brokers",
                    text("host:port pairs, comma-separated, or empty"))
            .feature("X2")
            .doc("the Kafka cluster the events go to (camel-kafka's `brokers`); empty: no Kafka. Security and other"
                    + " client options are Camel's own `camel.component.kafka.*` properties");
    public static final Setting<String> EVENTS_KAFKA_TOPIC = define(EVENTS, "crm-bridge.events.kafka.topic",
                    text("a Kafka topic name"))
            .byDefault("crm-bridge.events").feature("X2")
            .doc("the topic; each event's record key is its run id");
    public static final Setting<Integer> EVENTS_MAXIMUM_REDELIVERIES = define(EVENTS,
                    "crm-bridge.events.maximum-redeliveries", integer(0, ANY))
            .byDefault("5").unit("redeliveries").feature("X2")
            .doc("redeliveries of an event a target refused or did not take (Camel's redelivery policy), after which it"
                    + " is written to `outbox/events/` with the reason");
    public static final Setting<Long> EVENTS_REDELIVERY_DELAY_MS = define(EVENTS,
                    "crm-bridge.events.redelivery-delay-ms", longInteger(0, Long.MAX_VALUE))
            .byDefault("1000").unit("ms").feature("X2")
            .doc("first redelivery delay; doubles per redelivery");
    public static final Setting<Long> EVENTS_MAXIMUM_REDELIVERY_DELAY_MS = define(EVENTS,
                    "crm-bridge.events.maximum-redelivery-delay-ms", longInteger(0, Long.MAX_VALUE))
            .byDefault("60000").unit("ms").feature("X2")
            .doc("cap of one redelivery delay");
    public static final Setting<Integer> EVENTS_QUEUE_SIZE = define(EVENTS, "crm-bridge.events.queue-size",
                    integer(1, ANY))
            .byDefault("1000").unit("events").feature("X2")
            .doc("events waiting per target; an event that finds its target's queue full is written to"
                    + " `outbox/events/` at once, so that a slow target never holds an import up");

    // Operations

    public static final Setting<Long> HEALTH_HUBSPOT_TTL_SECONDS = define(OPERATIONS,
                    "crm-bridge.health.hubspot-ttl-seconds", longInteger(1, Long.MAX_VALUE))
            .byDefault("60").unit("s").feature("O3")
            .doc("readiness check `hubspot`: how long an answer from HubSpot (to an import's request, or to the"
                    + " check's own probe) stands; an idle process probes at most once per this many seconds, and"
                    + " only when health is asked for");
    public static final Setting<Long> HEALTH_HUBSPOT_TIMEOUT_MS = define(OPERATIONS,
                    "crm-bridge.health.hubspot-timeout-ms", longInteger(1, Long.MAX_VALUE))
            .byDefault("3000").unit("ms").feature("O3")
            .doc("connect and answer time-out of that probe");

    // Launcher and logging

    public static final Setting<String> CONFIG_FILE = define(LAUNCHER, "crm-bridge.config-file",
                    optionalPath("a file path, or empty"))
            .feature("O2")
            .doc("a properties file of the user's whose properties override the defaults and are checked the same"
                    + " way (`--config FILE`, `-Dcrm-bridge.config-file=FILE`); -D and `--name=value` still override"
                    + " it. Example:"
                    + " [examples/crm-bridge.properties](examples/crm-bridge.properties)");
    public static final Setting<Boolean> HUBSPOT_EMULATOR = define(LAUNCHER, "crm-bridge.hubspot-emulator", bool())
            .byDefault("false").feature("O6")
            .doc("run only the HubSpot sandbox, as an emulator; set by `--hubspot-emulator`");
    public static final Setting<String> LOG_DETAIL = define(LAUNCHER, "crm-bridge.log.detail",
                    oneOf("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL"))
            .byDefault("WARN").feature("O3")
            .doc("level of the console's detail lines (Camel's and the libraries'); a system property read by"
                    + " log4j2.properties before logging starts; `--verbose` sets `INFO`");
    public static final Setting<String> LOG_THREAD = define(LAUNCHER, "crm-bridge.log.thread", text("any text"))
            .feature("O3")
            .doc("the thread part of each console line, a log4j pattern; a system property read by log4j2.properties;"
                    + " `--verbose` sets `[%t] `");

    // Camel settings crm-bridge sets in application.properties (documented, read by Camel)

    public static final Setting<Integer> HTTP_CONNECT_TIMEOUT = define(CAMEL, "camel.component.http.connect-timeout",
                    integer(0, ANY))
            .byDefault("10000").unit("ms").feature("L3")
            .doc("HTTP connect time-out of the HubSpot and Brevo clients");
    public static final Setting<Integer> HTTP_RESPONSE_TIMEOUT = define(CAMEL,
                    "camel.component.http.response-timeout", integer(0, ANY))
            .byDefault("60000").unit("ms").feature("L3")
            .doc("HTTP response time-out of the HubSpot and Brevo clients");
    public static final Setting<Boolean> SERVER_ENABLED = define(CAMEL, "camel.server.enabled", bool())
            .byDefault("true").feature("S3")
            .doc("the application's HTTP server (the REST API); `--once` turns it off unless the command line sets it");
    public static final Setting<String> SERVER_HOST = define(CAMEL, "camel.server.host", text("a host name or address"))
            .byDefault("127.0.0.1").feature("S3")
            .doc("interface of the application's HTTP server: loopback only; `0.0.0.0` exposes it (put TLS in front:"
                    + " the token is a bearer token)");
    public static final Setting<Integer> SERVER_PORT = define(CAMEL, "camel.server.port", integer(0, MAX_PORT))
            .byDefault("8080").unit("port").feature("S3")
            .doc("its port");
    public static final Setting<Boolean> MANAGEMENT_ENABLED = define(CAMEL, "camel.management.enabled", bool())
            .byDefault("true").feature("O3")
            .doc("the management server (health, metrics; see [operations.md](operations.md)), turned on by"
                    + " `camel-observability-services`; `false` starts no management server and serves no"
                    + " `/observe/*` (the metrics are still kept, and a run still ends with its totals in the log)."
                    + " `--once` turns it off unless the command line sets it");
    public static final Setting<String> MANAGEMENT_HOST = define(CAMEL, "camel.management.host",
                    text("a host name or address"))
            .byDefault("127.0.0.1").feature("O3")
            .doc("interface it listens on: loopback only (the module's own default is `0.0.0.0`); `0.0.0.0` exposes"
                    + " it on every interface");
    public static final Setting<Integer> MANAGEMENT_PORT = define(CAMEL, "camel.management.port",
                    integer(0, MAX_PORT))
            .byDefault("9876").unit("port").feature("O3")
            .doc("its port (Camel Main's own default is 8080, the application's); `0` picks a free port (logged as"
                    + " 0). Move it with `--camel.management.port=N` or `-Dcamel.management.port=N`: Camel Main"
                    + " ignores environment variables ending in `_PORT`");
    public static final Setting<String> HEALTH_EXPOSURE_LEVEL = define(CAMEL, "camel.health.exposure-level",
                    oneOf("oneline", "default", "full"))
            .byDefault("default").feature("O3")
            .doc("health JSON detail (the module's default is `full`): `oneline` (status only), `default` (details of"
                    + " DOWN checks), `full` (every check); `?exposureLevel=full` asks for it per request");

    /** Every setting, in the order of the reference. */
    public static final List<Setting<?>> ALL = List.of(
            INBOX, OUTBOX, ONCE, DRY_RUN, READ_BEFORE_WRITE, POLL_DELAY_MS, READ_LOCK_CHECK_MS, RETRY_DELAY_MS, BATCH_SIZE,
            DAILY_BUDGET_MODE, PROGRESS_SECONDS,
            PHONE_DEFAULT_REGION, PHONE_CACHE_SIZE, DATES_DEFAULT_ORDER, NUMBERS_DEFAULT_DECIMAL_SEPARATOR,
            CSV_MAX_RECORD_LINES, CSV_MAX_RECORD_CHARS, HEADER_ALIASES_FILE, HUBSPOT_PROPERTIES_FILE, TICKET_CODES_FILE,
            TICKETS_DEFAULT_PIPELINE, TICKETS_DEFAULT_STAGE,
            SALES_DECIMAL_SEPARATOR, SALES_PHONE_REGION, SALES_REFERENCE_DATE, SALES_RECOMMENDATIONS_MAX,
            SALES_RECOMMENDATIONS_MIN_SUPPORT, SALES_RECOMMENDATIONS_MIN_CONFIDENCE, SALES_REBUY_TOLERANCE,
            SALES_REBUY_MAX, SALES_PUSH, SALES_CAMPAIGNS_ENABLED, SALES_CAMPAIGNS_CRON, SALES_CAMPAIGNS_STATUS_CRON,
            SALES_CAMPAIGNS_TIME_ZONE,
            SALES_CAMPAIGNS_PERIOD, SALES_CAMPAIGNS_SEND_DELAY_MINUTES, SALES_CAMPAIGNS_SENDER_EMAIL,
            SALES_CAMPAIGNS_SENDER_NAME, SALES_CAMPAIGNS_MAX_PER_CLIENT, SALES_CAMPAIGNS_NEVER_MAILED,
            SALES_CAMPAIGNS_WITHDRAWN_PRODUCTS,
            DB_URL, DB_USER, DB_PASSWORD, DB_MAX_CONNECTIONS,
            CLUSTER_ENABLED, CLUSTER_INSTANCE_ID, CLUSTER_HEARTBEAT_MS, CLUSTER_DEAD_AFTER_MS,
            REMOTE_KNOWN_HOSTS_FILE, REMOTE_POLL_DELAY_MS, REMOTE_READ_LOCK_MIN_AGE_MS, REMOTE_READ_LOCK_TIMEOUT_MS,
            REMOTE_BACKOFF_MULTIPLIER,
            HUBSPOT_SANDBOX, HUBSPOT_BASE_URL, HUBSPOT_ACCESS_TOKEN_FILE, HUBSPOT_API_VERSION,
            HUBSPOT_REQUESTS_PER_TEN_SECONDS, HUBSPOT_MAX_ATTEMPTS, HUBSPOT_BACKOFF_INITIAL_MS, HUBSPOT_BACKOFF_MAX_MS,
            SANDBOX_HOST, SANDBOX_PORT, SANDBOX_TOKEN, SANDBOX_MAX_BATCH_INPUTS, SANDBOX_REQUESTS_PER_TEN_SECONDS,
            SANDBOX_DAILY_LIMIT, SANDBOX_TIME_ZONE, SANDBOX_SCOPES,
            FAULTS_SEED, FAULTS_SERVER_ERROR_RATE, FAULTS_LOCKED_RATE, FAULTS_RATE_LIMITED_RATE, FAULTS_RETRY_AFTER_RATE,
            FAULTS_RETRY_AFTER_SECONDS, FAULTS_LATENCY_MS, FAULTS_DROP_RATE,
            PORTAL_REQUIRED_ON_CREATE, PORTAL_CONDITIONAL_REQUIRED, PORTAL_PROPERTY_VALIDATIONS,
            SEED_CONTACTS, SEED_RANDOM, SEED_LISTS,
            BREVO_SANDBOX, BREVO_BASE_URL, BREVO_API_KEY, BREVO_REQUESTS_PER_SECOND, BREVO_MAX_ATTEMPTS,
            BREVO_BACKOFF_INITIAL_MS, BREVO_BACKOFF_MAX_MS, BREVO_FOLDER_NAME, BREVO_LIST_PREFIX, BREVO_SANDBOX_PORT,
            BREVO_SANDBOX_REQUESTS_PER_SECOND,
            SYNC_ENABLED, SYNC_CRON, SYNC_SCHEDULED_MODE, SYNC_PROPERTIES, SYNC_OVERLAP_SECONDS, SYNC_SEARCH_SPACING_MS,
            SYNC_LIST_MEMBERSHIPS, SYNC_INCREMENTAL_ARCHIVED, SEGMENT_CHAINGE_WORD, SEGMENT_ENGAGED_DAYS,
            SEGMENT_COLD_DAYS, SEGMENT_HIGH_VALUE_STAGES,
            API_TOKEN, CONSOLE_UPLOAD_MAX_BYTES,
            ROWS_MAX_BYTES, ROWS_ANSWER_MAX_ROWS, ROWS_ANSWER_WAIT_MS,
            EVENTS_BASE_URL, EVENTS_WEBHOOK_URL, EVENTS_WEBHOOK_SECRET_FILE, EVENTS_KAFKA_BROKERS, EVENTS_KAFKA_TOPIC,
            EVENTS_MAXIMUM_REDELIVERIES, EVENTS_REDELIVERY_DELAY_MS, EVENTS_MAXIMUM_REDELIVERY_DELAY_MS,
            EVENTS_QUEUE_SIZE,
            HEALTH_HUBSPOT_TTL_SECONDS, HEALTH_HUBSPOT_TIMEOUT_MS,
            CONFIG_FILE, HUBSPOT_EMULATOR, LOG_DETAIL, LOG_THREAD,
            HTTP_CONNECT_TIMEOUT, HTTP_RESPONSE_TIMEOUT, SERVER_ENABLED, SERVER_HOST, SERVER_PORT, MANAGEMENT_ENABLED,
            MANAGEMENT_HOST, MANAGEMENT_PORT, HEALTH_EXPOSURE_LEVEL);

    private static final Map<String, Setting<?>> BY_NAME = byName();

    private Settings() {
    }

    /** The setting of this name, if one is declared. */
    public static Optional<Setting<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** True when {@code name} is under one of crm-bridge's own {@link #PREFIXES}. */
    public static boolean isOwn(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks one property as given on the command line ({@code --name=value}), in a file or as {@code -Dname=value}:
     * the error the start would stop with, without the leading "crm-bridge could not start: ", or empty when the
     * property is fine or is not crm-bridge's own (a {@code camel.*} name is Camel's to check).
     *
     * @return e.g. {@code "crm-bridge.batch-size = 500: an integer from 1 to 100"} or {@code "unknown property
     *         crm-bridge.bacth-size (did you mean crm-bridge.batch-size?)"}; a secret's value is never in it
     */
    public static Optional<String> check(String name, String value) {
        if (!isOwn(name)) {
            return Optional.empty();
        }
        Setting<?> setting = BY_NAME.get(name);
        return setting == null ? Optional.of(unknown(name)) : setting.check(value);
    }

    /**
     * Checks every property of {@code properties} with {@link #check(String, String)}.
     *
     * @throws InvalidSettingException with the first error, in the order of the map
     */
    public static void validate(Map<String, String> properties) {
        for (Map.Entry<String, String> e : properties.entrySet()) {
            Optional<String> error = check(e.getKey(), e.getValue());
            if (error.isPresent()) {
                throw new InvalidSettingException(error.get());
            }
        }
    }

    /**
     * Checks the crm-bridge properties Camel's properties component holds (application.properties, its initial and
     * override properties) and the JVM's system properties, each name known and each value as Camel resolves it
     * allowed; then gives the component their defaults as its initial properties (the lowest precedence: every other source overrides them), so that the routes' placeholders such as {@code {{crm-bridge.inbox}}} resolve without a line in application.properties. Called before any
     * route or sandbox starts.
     *
     * @throws InvalidSettingException naming the first property refused
     */
    public static void applyTo(PropertiesComponent properties) {
        java.util.Set<String> names = new java.util.TreeSet<>(properties.loadProperties(Settings::isOwn)
                .stringPropertyNames());
        for (String name : System.getProperties().stringPropertyNames()) {
            if (isOwn(name)) {
                names.add(name);
            }
        }
        for (String name : names) {
            Setting<?> setting = BY_NAME.get(name);
            if (setting == null) {
                throw new InvalidSettingException(unknown(name));
            }
            setting.read(properties);
        }
        for (Setting<?> s : ALL) {
            if (isOwn(s.name())) {
                properties.addInitialProperty(s.name(), s.defaultText());
            }
        }
    }

    private static String unknown(String name) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (Setting<?> s : ALL) {
            int d = editDistance(name, s.name());
            if (d < best) {
                best = d;
                closest = s.name();
            }
        }
        // a suggestion only when it is plausibly a typo (a few edits, not another name altogether) or a name cut short
        boolean near = closest != null && best <= Math.max(2, name.length() / 6);
        if (!near) {
            Optional<String> longer = ALL.stream().map(Setting::name).filter(n -> n.startsWith(name))
                    .min(java.util.Comparator.comparingInt(String::length));
            near = longer.isPresent();
            closest = longer.orElse(closest);
        }
        return "unknown property " + name + (near ? " (did you mean " + closest + "?)"
                : " (docs/configuration.md lists every property)");
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit (bacth -> batch). */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static Map<String, Setting<?>> byName() {
        Map<String, Setting<?>> map = new HashMap<>();
        for (Setting<?> s : ALL) {
            if (map.put(s.name(), s) != null) {
                throw new IllegalStateException("setting declared twice: " + s.name());
            }
        }
        return Map.copyOf(map);
    }

    private static SettingType<NumberConvention> decimalSeparator() {
        return SettingType.of("one of", "one of . ,", NumberConvention::withDecimalSeparator);
    }

    // the parsers below throw without a message where the allowed values say it all

    private static String jdbcUrl(String s) {
        if (!s.isEmpty() && !s.toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
            throw new IllegalArgumentException();
        }
        return s;
    }

    private static String seedSpec(String s) {
        if (s.startsWith(SandboxSeeder.GENERATE)) {
            String n = s.substring(SandboxSeeder.GENERATE.length()).trim();
            if (!n.matches("[0-9]{1,9}") || Integer.parseInt(n) <= 0) {
                throw new IllegalArgumentException();
            }
        }
        return s;
    }

    /** An http or https URL with a host, or the empty text (the feature is off). */
    private static String optionalHttpUrl(String s) {
        if (s.isEmpty()) {
            return s;
        }
        java.net.URI uri = java.net.URI.create(s);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException();
        }
        return s;
    }

    /** Quartz's own parse, whose message says where the expression breaks. */
    private static String cron(String s) {
        try {
            new org.quartz.CronExpression(s.replace('+', ' '));
            return s;
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
