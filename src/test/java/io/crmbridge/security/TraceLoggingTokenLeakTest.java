package io.crmbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.model.ObjectType;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.SandboxConfig;
import io.crmbridge.sandbox.SandboxFaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HubSpot token stays out of the log with logging turned up to TRACE, the way a user debugging a run does
 * it: the root logger and Apache HttpClient's {@code org.apache.hc} at TRACE. HttpClient's header and wire loggers
 * print the {@code Authorization} header in full at DEBUG, so log4j2.properties keeps them off at any level; this
 * test imports a file with a token of its own through a sandbox started here and searches every event logged
 * meanwhile, at every level, for the token.
 */
class TraceLoggingTokenLeakTest extends ImportFlowTestSupport {

    private static final String HUBSPOT_TOKEN = "pat-na1-TRACECANARY-" + UUID.randomUUID();

    private final List<String> events = new CopyOnWriteArrayList<>();
    private HubSpotSandbox portal;
    private AbstractAppender capture;

    /** Called from the test support's constructor: the "portal" with this test's token, before the application. */
    @Override
    protected Properties extraProperties() {
        try {
            portal = HubSpotSandbox.start(new SandboxConfig("127.0.0.1", 0, HUBSPOT_TOKEN, 100, 0,
                    SandboxConfig.FLOW_SCOPES, 0, SandboxFaults.none()));
            Path tokenFile = Files.createDirectories(work().resolve("secret")).resolve("hubspot-token");
            Files.writeString(tokenFile, HUBSPOT_TOKEN + "\n", StandardCharsets.UTF_8);
            Properties p = unlimitedRate();
            p.setProperty("hubspot.sandbox", "false");
            p.setProperty("hubspot.base-url", portal.baseUrl());
            p.setProperty("hubspot.access-token-file", tokenFile.toString());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void restoreLoggingAndStopPortal() {
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        if (capture != null) {
            logs.getConfiguration().getRootLogger().removeAppender(capture.getName());
            capture.stop();
        }
        // back to log4j2.properties' levels
        logs.reconfigure();
        portal.close();
    }

    @Test
    void theTokenIsNotLoggedAtTrace() throws Exception {
        capture = new AbstractAppender("trace-token-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.getLevel() + " " + event.getLoggerName() + " "
                        + event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        logs.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        logs.updateLoggers();
        Configurator.setRootLevel(Level.TRACE);
        Configurator.setLevel("org.apache.hc", Level.TRACE);

        drop(Path.of("data", "contacts.csv"), "contacts.csv");
        awaitReport("contacts.csv", 1, Duration.ofSeconds(90));
        Configurator.setRootLevel(Level.INFO);

        assertThat(portal.state().count(ObjectType.CONTACTS)).as("the token was used").isEqualTo(55);
        assertThat(events).as("HttpClient logged at DEBUG or TRACE")
                .anyMatch(e -> (e.startsWith("DEBUG ") || e.startsWith("TRACE ")) && e.contains(" org.apache.hc."));
        String secret = HUBSPOT_TOKEN.substring(HUBSPOT_TOKEN.length() - 36);
        assertThat(events).as("events logged while at TRACE").hasSizeGreaterThan(100);
        // the loggers that printed the token, never the lines themselves: a failure must not print it either
        assertThat(events.stream().filter(e -> e.contains(secret)).map(e -> e.split(" ")[1]).distinct())
                .as("loggers that printed the token").isEmpty();
    }
}
