package io.crmbridge.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmbridge.api.ApiErrors;
import io.crmbridge.api.BearerTokenCheck;
import io.crmbridge.api.ContactSyncApi;
import io.crmbridge.brevo.BrevoAttributes;
import io.crmbridge.brevo.BrevoAuthorization;
import io.crmbridge.brevo.BrevoContactImporter;
import io.crmbridge.brevo.BrevoGateway;
import io.crmbridge.brevo.BrevoLists;
import io.crmbridge.brevo.BrevoRateSteering;
import io.crmbridge.brevo.BrevoRetryPolicy;
import io.crmbridge.brevo.BrevoSettings;
import io.crmbridge.cli.RunControl;
import io.crmbridge.cluster.ClusterContentClaims;
import io.crmbridge.cluster.ClusterMembers;
import io.crmbridge.cluster.ExchangeAdvisoryLock;
import io.crmbridge.cluster.InboxClaims;
import io.crmbridge.cluster.InboxReadLock;
import io.crmbridge.console.ConsolePages;
import io.crmbridge.console.ConsoleView;
import io.crmbridge.console.HealthReport;
import io.crmbridge.console.ImportsCatalog;
import io.crmbridge.console.ImportsPages;
import io.crmbridge.console.ConsoleSessions;
import io.crmbridge.console.RunCatalog;
import io.crmbridge.console.health.HubSpotBudgetUse;
import io.crmbridge.console.health.HubSpotLastHour;
import io.crmbridge.console.health.HubSpotRateLimitWatch;
import io.crmbridge.console.links.LinksCatalog;
import io.crmbridge.console.links.LinksPages;
import io.crmbridge.ledger.PendingLinks;
import io.crmbridge.console.sales.SalesCatalog;
import io.crmbridge.console.sales.CampaignPages;
import io.crmbridge.console.sales.SalesPages;
import io.crmbridge.console.upload.ConsoleUploads;
import io.crmbridge.console.upload.UploadRecords;
import io.crmbridge.enrichment.AssociationLinker;
import io.crmbridge.enrichment.ContactExtractor;
import io.crmbridge.events.CompletionEvents;
import io.crmbridge.events.EventDeadLetters;
import io.crmbridge.events.EventRedeliveries;
import io.crmbridge.events.EventTarget;
import io.crmbridge.events.WebhookSecret;
import io.crmbridge.events.WebhookSignature;
import io.crmbridge.hubspot.AssociationWriter;
import io.crmbridge.hubspot.DailyUsageReader;
import io.crmbridge.hubspot.HubSpotAuthorization;
import io.crmbridge.hubspot.HubSpotGateway;
import io.crmbridge.hubspot.HubSpotRateSteering;
import io.crmbridge.hubspot.HubSpotRequestBudget;
import io.crmbridge.hubspot.RequestBudget;
import io.crmbridge.hubspot.SharedRequestBudget;
import io.crmbridge.hubspot.HubSpotRetryPolicy;
import io.crmbridge.hubspot.HubSpotSettings;
import io.crmbridge.hubspot.HubSpotTraffic;
import io.crmbridge.hubspot.PropertyEnsurer;
import io.crmbridge.hubspot.PortalReader;
import io.crmbridge.hubspot.RecordUpserter;
import io.crmbridge.intake.HeaderAliases;
import io.crmbridge.intake.ObjectTypeDetector;
import io.crmbridge.ledger.ImportHistory;
import io.crmbridge.ledger.Ledger;
import io.crmbridge.ledger.RunChanges;
import io.crmbridge.ledger.RunOwners;
import io.crmbridge.model.ObjectType;
import io.crmbridge.ops.BridgeMetrics;
import io.crmbridge.ops.HubSpotHealthCheck;
import io.crmbridge.ops.LedgerDatabaseHealthCheck;
import io.crmbridge.ops.RunTotals;
import io.crmbridge.pipeline.ArchiveName;
import io.crmbridge.pipeline.ImportProgress;
import io.crmbridge.pipeline.BatchDelivery;
import io.crmbridge.pipeline.CompanyRowMapper;
import io.crmbridge.pipeline.ContactRowMapper;
import io.crmbridge.pipeline.ContentClaims;
import io.crmbridge.pipeline.CsvContentCheck;
import io.crmbridge.pipeline.DailyBudgetCheck;
import io.crmbridge.pipeline.DailyBudgetClaims;
import io.crmbridge.pipeline.FileCompletion;
import io.crmbridge.pipeline.FileIntake;
import io.crmbridge.pipeline.InboxNameQuarantine;
import io.crmbridge.pipeline.InboxRetry;
import io.crmbridge.pipeline.InboxFilter;
import io.crmbridge.pipeline.PortalPrefetch;
import io.crmbridge.pipeline.Preflight;
import io.crmbridge.pipeline.ReadBeforeWrite;
import io.crmbridge.pipeline.PropertyMapping;
import io.crmbridge.pipeline.RecordProperties;
import io.crmbridge.pipeline.RowMapper;
import io.crmbridge.pipeline.RowPipeline;
import io.crmbridge.pipeline.TicketRowMapper;
import io.crmbridge.push.CustomerPush;
import io.crmbridge.remote.RemoteSources;
import io.crmbridge.rows.PostedRows;
import io.crmbridge.rows.PostedRunRecords;
import io.crmbridge.sales.SalesLedgerCompletion;
import io.crmbridge.sales.campaign.CampaignApi;
import io.crmbridge.sales.campaign.CampaignGuardrails;
import io.crmbridge.sales.campaign.CampaignLog;
import io.crmbridge.sales.campaign.SalesCampaigns;
import io.crmbridge.sales.ingest.ClientRowParser;
import io.crmbridge.sales.ingest.ProductRowParser;
import io.crmbridge.sales.ingest.SalesLedgerIntake;
import io.crmbridge.sales.ingest.SalesLedgerLoader;
import io.crmbridge.sales.ingest.SalesLineRowParser;
import io.crmbridge.sales.scoring.CoPurchaseRecommender;
import io.crmbridge.sales.scoring.LedgerScoring;
import io.crmbridge.sales.scoring.RebuyAdvisor;
import io.crmbridge.sales.store.SalesLedgerHistory;
import io.crmbridge.sales.store.SalesLedgerStore;
import io.crmbridge.sync.AdvisoryLockSyncGuard;
import io.crmbridge.sync.ContactStore;
import io.crmbridge.sync.ContactSync;
import io.crmbridge.sync.SegmentRules;
import io.crmbridge.sync.SyncGuard;
import io.crmbridge.sync.SyncOptions;
import io.crmbridge.sync.SyncedContactUpsert;
import io.crmbridge.undo.RunUndo;
import io.crmbridge.undo.UndoPages;
import io.crmbridge.undo.UndoReportWriter;
import io.crmbridge.validation.CodeMapper;
import io.crmbridge.validation.CountryRegions;
import io.crmbridge.validation.DomainNormalizer;
import io.crmbridge.validation.EmailValidator;
import io.crmbridge.validation.NumberConvention;
import io.crmbridge.validation.PhoneNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Wires crm-bridge's beans, in dependency order (DESIGN.md: bean-method chains resolve in no
 * guaranteed order, so everything is built here): settings, database (DataSource -> Flyway ->
 * EntityManagerFactory -> jpa component), the metrics and health checks (io.crmbridge.ops), the HubSpot
 * client (or the embedded sandbox when no token is configured), the rules, and the beans the YAML routes
 * call by name.
 */
public class AppConfiguration implements CamelConfiguration {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AppConfiguration.class);
    /**
     * The least time between two writes of a console session's "last seen" (docs/console.md "Log in"): every page and
     * API call checks its session, and a write per request would cost more than the read.
     */
    private static final Duration CONSOLE_SESSION_LAST_SEEN_EVERY = Duration.ofSeconds(60);

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        // before anything starts: an unknown or malformed crm-bridge property stops the start here
        Settings.applyTo(context.getPropertiesComponent());
        BridgeSettings settings = BridgeSettings.from(context.getPropertiesComponent());
        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper();
        registry.bind("settings", settings);
        BridgeMetrics metrics = BridgeMetrics.in(context);
        registry.bind("bridgeMetrics", metrics);
        context.addService(new RunTotals(metrics), true, true);

        HubSpotSettings hubspot = HubSpotConnection.settings(context);
        // before the database opens: a cluster on a database of one instance's own is refused at once
        boolean cluster = ClusterMode.enabled(context.getPropertiesComponent());
        // migrated and built meanwhile; the service's start waits for it, before the first file is taken
        Database database = Database.open(context.getPropertiesComponent(), hubspot.sandbox());
        context.addService(database, true, true);
        LOG.info(configurationLine(settings, hubspot, context.getPropertiesComponent()));
        warnWhatIsForgottenAtExit(hubspot.sandbox(), database.inMemory());
        database.configureJpaComponent(context);
        ClusterMembers members = cluster ? clusterMembers(context, database) : null;
        CompletionEvents events = bindEvents(context, settings, members, json, clock);
        Ledger ledger = new Ledger(database.entityManagerFactory(), clock, members == null ? RunOwners.SINGLE : members);
        registry.bind("ledger", ledger);
        // health checks bound in the registry are picked up by Camel's registry-health-check-repository
        registry.bind("ledgerDatabaseHealthCheck", new LedgerDatabaseHealthCheck(database.dataSource()));

        HubSpotHealthCheck hubspotCheck = hubSpotHealthCheck(context, hubspot);
        registry.bind("hubspotHealthCheck", hubspotCheck);
        // the answers of the imports' own requests are the readiness check's evidence too: no probe while busy
        // the answers' rate-limit headers, for the console's Health page
        HubSpotRateLimitWatch rateLimits = new HubSpotRateLimitWatch(clock);
        registry.bind("hubspotRateLimitWatch", rateLimits);
        HubSpotTraffic traffic = HubSpotTraffic.both(HubSpotTraffic.both(metrics, hubspotCheck), rateLimits);
        registry.bind("hubspotRetryPolicy", new HubSpotRetryPolicy(hubspot, traffic));
        registry.bind("hubspotAuthorization", new HubSpotAuthorization(hubspot.token()));
        registry.bind("hubspotRateSteering", new HubSpotRateSteering(metrics));
        // one budget for every instance of the token when clustered (docs/cluster.md), else this process's own
        RequestBudget budget = cluster
                ? new SharedRequestBudget(database.dataSource(), hubspot.token(), hubspot.requestsPerTenSeconds(),
                        clock.millis(), metrics)
                : HubSpotRequestBudget.withTimer(hubspot.requestsPerTenSeconds(), metrics);
        context.addService(budget, true, true);
        registry.bind("hubspotRequestBudget", budget);
        HubSpotGateway gateway = new HubSpotGateway(context.createProducerTemplate(), json, hubspot, traffic);
        registry.bind("hubspotGateway", gateway);

        PropertyMapping mapping = propertyMapping(context);
        EmailValidator emails = new EmailValidator();
        DomainNormalizer domains = DomainNormalizer.load();
        // read once: the sales ledger's phones use the same country names
        CountryRegions countries = CountryRegions.load();
        PhoneNormalizer phones = new PhoneNormalizer(settings.phoneDefaultRegion(), countries,
                settings.phoneCacheSize());
        RecordProperties properties = new RecordProperties(mapping, emails, phones, codeMappers(settings));
        ContactRowMapper contacts = new ContactRowMapper(emails, domains, properties);
        Map<ObjectType, RowMapper> mappers = new EnumMap<>(ObjectType.class);
        mappers.put(ObjectType.CONTACTS, contacts);
        mappers.put(ObjectType.COMPANIES, new CompanyRowMapper(domains, properties));
        mappers.put(ObjectType.TICKETS, new TicketRowMapper(emails,
                new ContactExtractor(emails, settings.phoneDefaultRegion()), properties, contacts,
                Settings.TICKETS_DEFAULT_PIPELINE.read(context.getPropertiesComponent()),
                Settings.TICKETS_DEFAULT_STAGE.read(context.getPropertiesComponent())));

        RunControl runControl = registry.lookupByNameAndType(RunControl.BEAN_NAME, RunControl.class);
        if (runControl == null) {
            runControl = new RunControl();
            registry.bind(RunControl.BEAN_NAME, runControl);
        }
        HeaderAliases aliases = headerAliases(settings);
        RowPipeline rowPipeline = new RowPipeline(mappers);
        registry.bind("rowPipeline", rowPipeline);
        PropertyEnsurer ensurer = new PropertyEnsurer(gateway, mapping.customProperties());
        DailyUsageReader dailyUsage = new DailyUsageReader(gateway, clock);
        registry.bind("dailyUsageReader", dailyUsage);
        PortalReader portalReader = new PortalReader(gateway);
        registry.bind("portalReader", portalReader);
        RunChanges runChanges = new RunChanges(database.entityManagerFactory(), clock);
        registry.bind("runChanges", runChanges);
        ReadBeforeWrite readBeforeWrite = new ReadBeforeWrite(portalReader, mapping,
                Settings.READ_BEFORE_WRITE.read(context.getPropertiesComponent()));
        // clustered: the daily requests other instances' files may still send count too (docs/cluster.md)
        DailyBudgetClaims claims = null;
        if (cluster) {
            claims = new DailyBudgetClaims(database.dataSource(),
                    Settings.CLUSTER_HEARTBEAT_MS.read(context.getPropertiesComponent()),
                    Settings.CLUSTER_DEAD_AFTER_MS.read(context.getPropertiesComponent()));
            context.addService(claims, true, true);
        }
        DailyBudgetCheck dailyBudget = new DailyBudgetCheck(dailyUsage, ensurer,
                ledger::pendingCount, settings.batchSize(),
                Settings.DAILY_BUDGET_MODE.read(context.getPropertiesComponent()), readBeforeWrite::readsBefore,
                claims);
        // a file's next batches are mapped here while the intake route delivers the current one (MappedBatches)
        Preflight preflight = new Preflight(gateway, ensurer, mapping);
        registry.bind("preflight", preflight);
        PortalPrefetch prefetch = new PortalPrefetch(ledger, ensurer, preflight, readBeforeWrite);
        ContentClaims contentClaims = members == null ? ContentClaims.SINGLE : new ClusterContentClaims(members);
        registry.bind("fileIntake", new FileIntake(settings, ledger, aliases, clock, rowPipeline,
                context.getExecutorServiceManager().newFixedThreadPool(rowPipeline, "row-mapping", 2), dailyBudget,
                prefetch, contentClaims));
        long readLockCheckMs = Settings.READ_LOCK_CHECK_MS.read(context.getPropertiesComponent());
        registry.bind(InboxReadLock.BEAN_NAME, members == null ? InboxReadLock.single(readLockCheckMs)
                : InboxReadLock.claimed(readLockCheckMs, new InboxClaims(members, settings.inbox()), context));
        registry.bind("csvContentCheck", new CsvContentCheck());
        ImportHistory history = new ImportHistory(database.entityManagerFactory(), clock);
        registry.bind("archiveName", new ArchiveName(settings.inbox().resolve(".done"), clock, history));
        RecordUpserter upserter = new RecordUpserter(gateway);
        registry.bind("batchDelivery", new BatchDelivery(ledger, upserter, ensurer, preflight, readBeforeWrite,
                prefetch, runChanges));
        bindCustomerPush(context, settings, gateway, upserter, emails, json, clock);
        ContactSync contactSync = contactSync(context, gateway, database, clock, events);
        registry.bind("contactSync", contactSync);
        bindContactSyncApi(context, contactSync, json);
        bindConsole(context, settings, ledger, clock, json, hubspot, database, members);
        bindConsoleLinks(context, settings, database, clock, json);
        bindUndo(context, settings, ledger, gateway, clock, json, events);
        bindImportsConsole(context, settings, history, clock, json);
        bindPostedRows(context, settings, ledger, database, aliases, json, clock);
        InboxRetry retry = new InboxRetry(settings.inbox(),
                Duration.ofMillis(Settings.RETRY_DELAY_MS.read(context.getPropertiesComponent())), clock);
        registry.bind(InboxRetry.BEAN_NAME, retry);
        registry.bind("inboxFilter", new InboxFilter(java.util.List.of(
                new InboxNameQuarantine(settings.deadLetterDir(), runControl, metrics), retry)));
        registry.bind("fileCompletion", new FileCompletion(settings, ledger,
                new AssociationLinker(ledger, new AssociationWriter(gateway)), runControl, retry, clock, metrics,
                events));
        // SFTP and FTPS sources (routes/remote-sources.yaml, docs/sources.md)
        RemoteSources.bind(context, database.dataSource(), members, clock);
        bindSalesLedger(context, settings, database, ledger, new ObjectTypeDetector(aliases), emails, countries, clock,
                metrics, contentClaims);
        // after the sales ledger: its pages read the history bean bound there
        bindConsoleSales(context, settings, database, json);
        bindSalesCampaigns(context, settings, database, emails, json, clock);
    }

    /**
     * The campaigns (W4, W5; routes/campaigns.yaml, docs/campaigns.md): {@code salesCampaigns} over the scoring and the
     * Brevo client bound before it, its log in the ledger database, its guardrails and settings from
     * {@code crm-bridge.sales.campaigns.*}, its reports in {@code <outbox>/campaigns}; the API's {@code campaignApi}
     * and the console's {@code consoleCampaignPages} over it.
     */
    private static void bindSalesCampaigns(CamelContext context, BridgeSettings settings, Database database,
                                           EmailValidator emails, ObjectMapper json, Clock clock) {
        org.apache.camel.spi.PropertiesComponent p = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        BrevoGateway brevo = registry.lookupByNameAndType("brevoGateway", BrevoGateway.class);
        SalesCampaigns.Config config = new SalesCampaigns.Config(Settings.SALES_CAMPAIGNS_TIME_ZONE.read(p),
                Settings.SALES_CAMPAIGNS_PERIOD.read(p),
                Duration.ofMinutes(Settings.SALES_CAMPAIGNS_SEND_DELAY_MINUTES.read(p)),
                Settings.SALES_CAMPAIGNS_SENDER_NAME.read(p), Settings.SALES_CAMPAIGNS_SENDER_EMAIL.read(p),
                brevo.settings().listPrefix(), settings.outbox().resolve("campaigns"), settings.outbox());
        CampaignGuardrails guardrails = new CampaignGuardrails(emails,
                new java.util.HashSet<>(Settings.SALES_CAMPAIGNS_NEVER_MAILED.read(p)),
                new java.util.HashSet<>(Settings.SALES_CAMPAIGNS_WITHDRAWN_PRODUCTS.read(p)),
                Settings.SALES_CAMPAIGNS_MAX_PER_CLIENT.read(p));
        CampaignLog log = new CampaignLog(database.dataSource());
        registry.bind("campaignLog", log);
        SalesCampaigns campaigns = new SalesCampaigns(config,
                registry.lookupByNameAndType("salesLedgerStore", SalesLedgerStore.class),
                registry.lookupByNameAndType("salesLedgerScoring", LedgerScoring.class), guardrails, log, brevo, json,
                clock);
        registry.bind("salesCampaigns", campaigns);
        CampaignApi api = new CampaignApi(campaigns);
        registry.bind("campaignApi", api);
        registry.bind("consoleCampaignPages", new CampaignPages(
                registry.lookupByNameAndType("consoleView", ConsoleView.class), api));
    }

    /**
     * The completion events (docs/events.md, routes/events.yaml): {@code completionEvents}, which queues an event for
     * each configured target (a service: on stop it dead-letters what the routes left), {@code eventDeadLetters}
     * ({@code <outbox>/events/}), {@code eventRedeliveries} and {@code webhookSignature}. A webhook URL without a
     * signing secret stops the start.
     */
    private static CompletionEvents bindEvents(CamelContext context, BridgeSettings settings, ClusterMembers members,
                                               ObjectMapper json, Clock clock) throws Exception {
        org.apache.camel.spi.PropertiesComponent p = context.getPropertiesComponent();
        String webhookUrl = Settings.EVENTS_WEBHOOK_URL.read(p);
        java.util.Optional<WebhookSecret> secret = WebhookSecret.resolve(System.getenv(),
                Settings.EVENTS_WEBHOOK_SECRET_FILE.read(p));
        java.util.List<EventTarget> targets = new java.util.ArrayList<>();
        if (!webhookUrl.isEmpty()) {
            if (secret.isEmpty()) {
                throw new InvalidSettingException(Settings.EVENTS_WEBHOOK_URL.name() + " is set but the webhook has no"
                        + " signing secret: set " + WebhookSecret.ENV + " or "
                        + Settings.EVENTS_WEBHOOK_SECRET_FILE.name());
            }
            targets.add(EventTarget.WEBHOOK);
        }
        if (!Settings.EVENTS_KAFKA_BROKERS.read(p).isBlank()) {
            targets.add(EventTarget.KAFKA);
        }
        Registry registry = context.getRegistry();
        EventDeadLetters deadLetters = new EventDeadLetters(settings.outbox().resolve("events"), webhookUrl, json,
                clock);
        registry.bind("eventDeadLetters", deadLetters);
        registry.bind("eventRedeliveries", new EventRedeliveries());
        registry.bind("webhookSignature", new WebhookSignature(secret, clock));
        CompletionEvents events = new CompletionEvents(context, targets, Settings.EVENTS_QUEUE_SIZE.read(p),
                Settings.EVENTS_BASE_URL.read(p), members == null ? null : members.self(), deadLetters, json, clock);
        registry.bind("completionEvents", events);
        context.addService(events, true, true);
        if (!targets.isEmpty()) {
            LOG.info("Completion events to: {}", targets.stream().map(EventTarget::label).toList());
        }
        return events;
    }

    /**
     * This instance among the others on the same PostgreSQL database (docs/cluster.md): its heartbeat, a service
     * started after the database's migration and stopped before the database closes.
     */
    private static ClusterMembers clusterMembers(CamelContext context, Database database) throws Exception {
        org.apache.camel.spi.PropertiesComponent p = context.getPropertiesComponent();
        ClusterMembers members = new ClusterMembers(database.dataSource(),
                ClusterMembers.instanceId(Settings.CLUSTER_INSTANCE_ID.read(p)),
                Duration.ofMillis(Settings.CLUSTER_HEARTBEAT_MS.read(p)),
                Duration.ofMillis(Settings.CLUSTER_DEAD_AFTER_MS.read(p)), context);
        context.addService(members, true, true);
        context.getRegistry().bind("clusterMembers", members);
        return members;
    }

    /**
     * The console's Sales ledger pages and their API (routes/console-sales.yaml, docs/console.md "Sales ledger"):
     * {@code salesCatalog} and {@code consoleSalesPages}, on the console's view and the sales ledger's history.
     */
    private static void bindConsoleSales(CamelContext context, BridgeSettings settings, Database database,
                                         ObjectMapper json) {
        Registry registry = context.getRegistry();
        SalesCatalog catalog = new SalesCatalog(database.entityManagerFactory(),
                registry.lookupByNameAndType("salesLedgerHistory", SalesLedgerHistory.class), settings.outbox(), json);
        registry.bind("salesCatalog", catalog);
        registry.bind("consoleSalesPages", new SalesPages(
                registry.lookupByNameAndType("consoleView", ConsoleView.class), catalog, json));
    }

    /**
     * The one line a start-up says about what was configured: the mode, the inbox and outbox, where HubSpot requests
     * go (the portal's base URL or the embedded sandbox; never the token), the API version and the rate budget.
     */
    static String configurationLine(BridgeSettings settings, HubSpotSettings hubspot,
                                    org.apache.camel.spi.PropertiesComponent p) {
        boolean once = Settings.ONCE.read(p);
        return "crm-bridge " + (once ? "--once" : "service") + (settings.dryRun() ? ", dry run (nothing is sent)" : "")
                + ": inbox " + settings.inbox().toAbsolutePath().normalize()
                + ", outbox " + settings.outbox().toAbsolutePath().normalize()
                + ", HubSpot " + (hubspot.sandbox() ? "embedded sandbox" : hubspot.baseUrl())
                + " (API " + hubspot.paths().version() + ", " + hubspot.requestsPerTenSeconds() + " requests per 10 s)";
    }

    /**
     * Says once, at start-up, what this process keeps only in memory: the embedded HubSpot sandbox (no token) and
     * the in-memory ledger it gets by default (config/Database) are thrown away at exit, so a later run starts
     * from an empty portal and from run number 1 (docs/import.md: reports are never overwritten for that).
     */
    private static void warnWhatIsForgottenAtExit(boolean sandbox, boolean ledgerInMemory) {
        if (sandbox && ledgerInMemory) {
            LOG.warn("The embedded HubSpot sandbox and the import ledger are in memory and are thrown away when"
                    + " crm-bridge exits: nothing reaches a real portal, and run numbers start at 1 again next time"
                    + " (set HUBSPOT_ACCESS_TOKEN to import into HubSpot)");
        } else if (sandbox) {
            LOG.warn("The embedded HubSpot sandbox is in memory and is thrown away when crm-bridge exits: nothing"
                    + " reaches a real portal (the ledger is kept at crm-bridge.db.url)");
        } else if (ledgerInMemory) {
            LOG.warn("The import ledger is in memory (crm-bridge.db.url) and is thrown away when crm-bridge exits:"
                    + " the same content will be imported again by the next process");
        }
    }

    /** The advisory lock key of the sales ledger's import: the first 8 bytes of SHA-256("crm-bridge sales ledger"). */
    static final long SALES_LEDGER_LOCK_KEY = 0x11d8_7f69_590f_6beaL;

    /**
     * The sales ledger (W1, W2; routes/sales-ledger.yaml, docs/sales-ledger.md): intake,
     * loader and completion beans, phones read in {@code crm-bridge.sales.phone-region}, the default
     * number convention from {@code crm-bridge.sales.numbers.default-decimal-separator}, scoring
     * from the {@code crm-bridge.sales.*} properties. Binds the {@link SalesLedgerStore} as
     * {@code salesLedgerStore}.
     */
    private static void bindSalesLedger(CamelContext context, BridgeSettings settings, Database database, Ledger ledger,
                                        ObjectTypeDetector mainJobTypes, EmailValidator emails,
                                        CountryRegions countries, Clock clock, BridgeMetrics metrics,
                                        ContentClaims contentClaims) {
        org.apache.camel.spi.PropertiesComponent p = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        SalesLedgerStore store = new SalesLedgerStore(database.entityManagerFactory());
        registry.bind("salesLedgerStore", store);
        // several instances: one sales-ledger import at a time in the cluster (docs/cluster.md "Ledger writes")
        registry.bind("salesLedgerLock", ClusterMode.enabled(p)
                ? new ExchangeAdvisoryLock(database.dataSource(), SALES_LEDGER_LOCK_KEY, "the sales ledger's import")
                : ExchangeAdvisoryLock.none());
        // the exports are French: a decimal comma unless a file's values prove otherwise
        NumberConvention ledgerNumbers = Settings.SALES_DECIMAL_SEPARATOR.read(p);
        registry.bind("salesLedgerIntake", new SalesLedgerIntake(settings, ledger, store, mainJobTypes, ledgerNumbers,
                clock, contentClaims));
        PhoneNormalizer frenchPhones = new PhoneNormalizer(Settings.SALES_PHONE_REGION.read(p), countries);
        registry.bind("salesLedgerLoader", new SalesLedgerLoader(store, new ClientRowParser(emails, frenchPhones),
                new ProductRowParser(), new SalesLineRowParser(emails), clock));
        LedgerScoring scoring = new LedgerScoring(
                new CoPurchaseRecommender(
                        Settings.SALES_RECOMMENDATIONS_MIN_SUPPORT.read(p),
                        Settings.SALES_RECOMMENDATIONS_MIN_CONFIDENCE.read(p),
                        Settings.SALES_RECOMMENDATIONS_MAX.read(p)),
                new RebuyAdvisor(Settings.SALES_REBUY_TOLERANCE.read(p), Settings.SALES_REBUY_MAX.read(p)),
                Settings.SALES_REFERENCE_DATE.read(p));
        registry.bind("salesLedgerScoring", scoring);
        SalesLedgerHistory history = new SalesLedgerHistory(database.entityManagerFactory());
        registry.bind("salesLedgerHistory", history);
        registry.bind("salesLedgerCompletion", new SalesLedgerCompletion(settings, ledger, store, history, scoring, clock,
                metrics));
    }

    /**
     * The push of scored clients to HubSpot and Brevo (W3; routes/customer-push.yaml,
     * docs/sales-ledger.md): the Brevo client (or the Brevo sandbox when no key is configured) and the
     * {@code customerPush} bean, which reuses the HubSpot client.
     */
    private static void bindCustomerPush(CamelContext context, BridgeSettings settings, HubSpotGateway gateway,
                                         RecordUpserter upserter, EmailValidator emails, ObjectMapper json, Clock clock)
            throws Exception {
        BrevoSettings brevo = BrevoConnection.settings(context);
        Registry registry = context.getRegistry();
        registry.bind("brevoRetryPolicy", new BrevoRetryPolicy(brevo));
        registry.bind("brevoAuthorization", new BrevoAuthorization(brevo.apiKey()));
        registry.bind("brevoRateSteering", new BrevoRateSteering(brevo.backoffMaxMs()));
        BrevoGateway brevoGateway = new BrevoGateway(context.createProducerTemplate(), json, brevo);
        registry.bind("brevoGateway", brevoGateway);
        registry.bind("customerPush", new CustomerPush(settings, gateway, upserter, new BrevoLists(brevoGateway),
                new BrevoAttributes(brevoGateway), new BrevoContactImporter(brevoGateway), emails, clock));
    }

    /**
     * The REST API of the contact sync (S3; routes/api.yaml, docs/contact-sync.md): the bearer token
     * from {@code crm-bridge.api.token}, else the environment variable {@code CRM_BRIDGE_API_TOKEN} (none:
     * every request is refused), and background syncs on threads Camel shuts down with the context.
     */
    private static void bindContactSyncApi(CamelContext context, ContactSync contactSync, ObjectMapper json) {
        String token = Settings.API_TOKEN.read(context.getPropertiesComponent());
        if (token.isBlank()) {
            token = System.getenv().getOrDefault("CRM_BRIDGE_API_TOKEN", "");
        }
        Registry registry = context.getRegistry();
        registry.bind("apiBearerToken", new BearerTokenCheck(token));
        registry.bind("apiErrors", new ApiErrors());
        ContactStore store = registry.lookupByNameAndType("contactStore", ContactStore.class);
        registry.bind("contactSyncApi", new ContactSyncApi(contactSync, store,
                context.getExecutorServiceManager().newCachedThreadPool(contactSync, "contact-sync-api"),
                json, 30_000));
    }

    /**
     * The console (routes/console.yaml, docs/console.md): sessions opened by the API token (12 hours, in the ledger
     * database, shared by every instance on it), the import runs from the ledger and the outbox, the health report
     * (the readiness checks, the rate budget, the routes, the settings) and the pages.
     */
    private static void bindConsole(CamelContext context, BridgeSettings settings, Ledger ledger, Clock clock,
                                    ObjectMapper json, HubSpotSettings hubspot, Database database,
                                    ClusterMembers members) throws Exception {
        Registry registry = context.getRegistry();
        ConsoleSessions sessions = new ConsoleSessions(
                registry.lookupByNameAndType("apiBearerToken", BearerTokenCheck.class), clock, Duration.ofHours(12),
                CONSOLE_SESSION_LAST_SEEN_EVERY, database.dataSource());
        UploadRecords uploads = new UploadRecords(database.dataSource());
        RunCatalog catalog = new RunCatalog(ledger, settings.outbox(), json, uploads);
        registry.bind("consoleSessions", sessions);
        registry.bind("runCatalog", catalog);
        HealthReport health = healthReport(context, hubspot, database, clock, members);
        registry.bind("healthReport", health);
        ConsoleView view = new ConsoleView(sessions);
        registry.bind("consoleView", view);
        registry.bind("consolePages", new ConsolePages(view, catalog, health));
        bindContactsPage(context, view, json);
        bindConsoleUploads(context, settings, sessions, uploads, catalog, clock);
    }

    /**
     * The console's Contacts page (routes/console-contacts.yaml, docs/console.md "Contacts"): read through the contact
     * sync's API bean, so the page shows what the API answers.
     */
    private static void bindContactsPage(CamelContext context, ConsoleView view, ObjectMapper json) {
        Registry registry = context.getRegistry();
        registry.bind("contactsPages", new io.crmbridge.console.contacts.ContactsPages(view,
                registry.lookupByNameAndType("contactSyncApi", ContactSyncApi.class), json));
    }

    /**
     * The Health page's report (docs/console.md "Read the health"): the readiness checks, the client-side budget, the
     * use of HubSpot's budget from its answers (the rate-limit headers, the daily usage the imports read, the last
     * hour per minute from the meters: {@link HubSpotLastHour}, a service whose timer stops with Camel) and the
     * ledger database.
     */
    private static HealthReport healthReport(CamelContext context, HubSpotSettings hubspot, Database database,
                                             Clock clock, ClusterMembers members) throws Exception {
        Registry registry = context.getRegistry();
        HubSpotLastHour lastHour = HubSpotLastHour.of(registry.lookupByNameAndType("bridgeMetrics", BridgeMetrics.class),
                clock::millis);
        context.addService(lastHour, true, true);
        DailyUsageReader dailyUsage = registry.lookupByNameAndType("dailyUsageReader", DailyUsageReader.class);
        HubSpotBudgetUse budgetUse = new HubSpotBudgetUse(
                registry.lookupByNameAndType("hubspotRateLimitWatch", HubSpotRateLimitWatch.class),
                dailyUsage::latest, lastHour);
        return new HealthReport(context, hubspot,
                registry.lookupByNameAndType("hubspotRequestBudget", RequestBudget.class),
                registry.lookupByNameAndType("hubspotHealthCheck", HubSpotHealthCheck.class),
                registry.lookupByNameAndType("ledgerDatabaseHealthCheck", LedgerDatabaseHealthCheck.class),
                database.inMemory(), database.url(), budgetUse, members);
    }

    /**
     * The console's Links page and {@code /api/links} (routes/console-links.yaml, docs/console.md "Links that wait"):
     * the pending links of the ledger database, dropped-links CSVs in {@code <outbox>/links/}.
     */
    private static void bindConsoleLinks(CamelContext context, BridgeSettings settings, Database database, Clock clock,
                                         ObjectMapper json) {
        Registry registry = context.getRegistry();
        ConsoleView view = registry.lookupByNameAndType("consoleView", ConsoleView.class);
        LinksCatalog links = new LinksCatalog(new PendingLinks(database.entityManagerFactory()), settings.outbox(),
                clock, json);
        registry.bind("linksCatalog", links);
        registry.bind("linksPages", new LinksPages(view, links));
    }

    /**
     * Rows posted over HTTP (routes/rows.yaml, docs/http-intake.md): written into the inbox as a file whose run is
     * reserved before the answer, with the limits of {@code crm-bridge.rows.*}.
     */
    private static void bindPostedRows(CamelContext context, BridgeSettings settings, Ledger ledger, Database database,
                                       HeaderAliases aliases, ObjectMapper json, Clock clock) {
        var properties = context.getPropertiesComponent();
        context.getRegistry().bind("postedRows", new PostedRows(settings, ledger,
                new PostedRunRecords(database.dataSource()), aliases, json, clock,
                new PostedRows.Limits(Settings.ROWS_MAX_BYTES.read(properties),
                        Settings.ROWS_ANSWER_MAX_ROWS.read(properties), Settings.ROWS_ANSWER_WAIT_MS.read(properties))));
    }

    /**
     * The console's uploads (routes/console-upload.yaml, docs/console.md "Upload files"): files streamed into the
     * inbox, or checked first with a dry run, up to {@code crm-bridge.console.upload-max-bytes}.
     */
    private static void bindConsoleUploads(CamelContext context, BridgeSettings settings, ConsoleSessions sessions,
                                           UploadRecords uploads, RunCatalog catalog, Clock clock) {
        long maxBytes = Settings.CONSOLE_UPLOAD_MAX_BYTES.read(context.getPropertiesComponent());
        context.getRegistry().bind("consoleUploads",
                new ConsoleUploads(settings.inbox(), maxBytes, sessions, uploads, catalog, clock));
    }

    /**
     * The imports page and a run's page (docs/console.md "Read the imports"): the live progress the intake route
     * updates ({@code importProgress}), the runs with skipped and waiting files ({@code importsCatalog}) and the
     * pages ({@code importsPages}, which the browser polls every second for the progress).
     */
    private static void bindImportsConsole(CamelContext context, BridgeSettings settings, ImportHistory history,
                                           Clock clock, ObjectMapper json) {
        Registry registry = context.getRegistry();
        ImportProgress progress = new ImportProgress(clock);
        registry.bind("importProgress", progress);
        RunCatalog runs = registry.lookupByNameAndType("runCatalog", RunCatalog.class);
        ImportsCatalog catalog = new ImportsCatalog(runs, history, progress, settings.inbox());
        registry.bind("importsCatalog", catalog);
        UndoPages undo = registry.lookupByNameAndType("undoPages", UndoPages.class);
        registry.bind("importsPages", new ImportsPages(registry.lookupByNameAndType("consoleView", ConsoleView.class),
                catalog, runs, json, undo::runPageModel));
    }

    /**
     * Undoing a run (docs/undo.md): {@code runUndo} (the engine {@code --undo} runs), on the run changes the imports
     * store ({@code runChanges}), and {@code undoPages}, the API and the console's confirmation page
     * (routes/console-undo.yaml).
     */
    private static void bindUndo(CamelContext context, BridgeSettings settings, Ledger ledger,
                                 HubSpotGateway gateway, Clock clock, ObjectMapper json, CompletionEvents events) {
        Registry registry = context.getRegistry();
        RunChanges changes = registry.lookupByNameAndType("runChanges", RunChanges.class);
        UndoReportWriter reports = new UndoReportWriter(settings.outbox(), json);
        RunUndo undo = new RunUndo(ledger, changes, gateway, reports, clock, events::runUndone);
        registry.bind(RunUndo.BEAN_NAME, undo);
        registry.bind("undoPages", new UndoPages(undo, reports,
                registry.lookupByNameAndType("consoleView", ConsoleView.class), json));
    }

    /**
     * The contact sync (S1, S2) from the {@code crm-bridge.sync.*} properties (docs/contact-sync.md):
     * fetched properties, overlap, search spacing, list memberships, archived contacts in incremental runs
     * and the segment rules. Binds the {@link ContactStore} as
     * {@code contactStore} for the beans that read synced contacts.
     */
    private static ContactSync contactSync(CamelContext context, HubSpotGateway gateway, Database database,
                                           Clock clock, CompletionEvents events) {
        org.apache.camel.spi.PropertiesComponent p = context.getPropertiesComponent();
        SegmentRules rules = new SegmentRules(
                Settings.SEGMENT_CHAINGE_WORD.read(p),
                Settings.SEGMENT_ENGAGED_DAYS.read(p),
                Settings.SEGMENT_COLD_DAYS.read(p),
                Settings.SEGMENT_HIGH_VALUE_STAGES.read(p).stream().map(s -> s.toLowerCase(java.util.Locale.ROOT))
                        .collect(java.util.stream.Collectors.toSet()));
        java.util.List<String> properties = Settings.SYNC_PROPERTIES.read(p);
        org.apache.camel.ProducerTemplate template = context.createProducerTemplate();
        context.getRegistry().bind("syncedContactUpsert", new SyncedContactUpsert(database.entityManagerFactory()));
        ContactStore store = new ContactStore(database.entityManagerFactory(),
                rows -> template.requestBody("direct:store-contacts", rows));
        context.getRegistry().bind("contactStore", store);
        SyncOptions options = new SyncOptions(properties,
                Duration.ofSeconds(Settings.SYNC_OVERLAP_SECONDS.read(p)),
                Duration.ofMillis(Settings.SYNC_SEARCH_SPACING_MS.read(p)),
                Settings.SYNC_LIST_MEMBERSHIPS.read(p),
                Settings.SYNC_INCREMENTAL_ARCHIVED.read(p));
        return new ContactSync(gateway, store, rules, options, clock,
                context.getExecutorServiceManager().newSingleThreadExecutor(store, "contact-sync-fetch"),
                syncGuard(context, database), events::syncEnded);
    }

    /**
     * Who else may be syncing (docs/cluster.md "Scheduled syncs"): alone, nobody; with
     * {@code crm-bridge.cluster.enabled=true}, every instance on the same PostgreSQL database (an advisory lock), and
     * then, when the scheduled sync is on, its schedule lives in Quartz's clustered job store ({@link ClusteredQuartz}).
     */
    private static SyncGuard syncGuard(CamelContext context, Database database) {
        org.apache.camel.spi.PropertiesComponent p = context.getPropertiesComponent();
        // a cluster on another database than PostgreSQL stops here: the job store's delegate and the lock are its
        if (!ClusterMode.enabled(p)) {
            return SyncGuard.singleInstance();
        }
        if (Settings.SYNC_ENABLED.read(p)) {
            // only then: configuring the component creates it, and a started component starts a scheduler
            ClusteredQuartz.configure(context, database);
        }
        return new AdvisoryLockSyncGuard(database.dataSource());
    }

    /**
     * The readiness check "HubSpot reachable" ({@link HubSpotHealthCheck}): an answer stands as evidence for
     * {@code crm-bridge.health.hubspot-ttl-seconds} (60), a probe waits {@code crm-bridge.health.hubspot-timeout-ms}
     * (3000) at most.
     */
    private static HubSpotHealthCheck hubSpotHealthCheck(CamelContext context, HubSpotSettings hubspot) {
        org.apache.camel.spi.PropertiesComponent p = context.getPropertiesComponent();
        return new HubSpotHealthCheck(hubspot,
                Duration.ofSeconds(Settings.HEALTH_HUBSPOT_TTL_SECONDS.read(p)),
                Duration.ofMillis(Settings.HEALTH_HUBSPOT_TIMEOUT_MS.read(p)),
                System::nanoTime);
    }

    /**
     * Field -> HubSpot property mappings: the bundled file, with the lines of the user's
     * {@code crm-bridge.mapping.hubspot-properties-file} (same format) on top when one is set.
     */
    private static PropertyMapping propertyMapping(CamelContext context) throws IOException {
        PropertyMapping mapping = PropertyMapping.loadDefault();
        String file = Settings.HUBSPOT_PROPERTIES_FILE.read(context.getPropertiesComponent());
        return file.isBlank() ? mapping : mapping.overriddenBy(PropertyMapping.load(Path.of(file)));
    }

    private static HeaderAliases headerAliases(BridgeSettings settings) {
        HeaderAliases aliases = HeaderAliases.loadDefault();
        return settings.headerAliasesFile().isBlank() ? aliases
                : aliases.overriddenBy(HeaderAliases.load(Path.of(settings.headerAliasesFile())));
    }

    /** Ticket value mappings (status, priority, category, channel): the bundled file, or the user's. */
    private static Map<String, CodeMapper> codeMappers(BridgeSettings settings) throws IOException {
        Properties p = new Properties();
        if (settings.ticketCodesFile().isBlank()) {
            try (InputStream in = AppConfiguration.class.getClassLoader().getResourceAsStream(CodeMapper.TICKET_CODES);
                 Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        } else {
            try (Reader r = Files.newBufferedReader(Path.of(settings.ticketCodesFile()), StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        Map<String, CodeMapper> codes = new LinkedHashMap<>();
        for (String set : new String[] {"status", "priority", "category", "channel"}) {
            codes.put(set, CodeMapper.fromProperties(p, set));
        }
        return codes;
    }
}
