package io.crmbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class InboxRetryTest {

    @Test
    void aFileWaitingForAResourceIsHeldBackUntilItsRetryTimeAndOthersPass() {
        InboxRetry retry = new InboxRetry(Path.of("inbox"), Duration.ofHours(1), Clock.systemUTC());

        retry.returnToInbox(exchangeFor("contacts.csv"), true);

        assertThat(retry.accept(file("contacts.csv"))).isFalse();
        assertThat(retry.accept(file("tickets.csv"))).isTrue();
    }

    @Test
    void aFileIsTakenAgainOnceItsRetryTimeHasCome() {
        InboxRetry retry = new InboxRetry(Path.of("inbox"), Duration.ZERO, Clock.systemUTC());

        retry.returnToInbox(exchangeFor("contacts.csv"), true);

        assertThat(retry.accept(file("contacts.csv"))).isTrue();
    }

    @Test
    void aFileStoppedAtShutdownIsNotHeldBack() {
        InboxRetry retry = new InboxRetry(Path.of("inbox"), Duration.ofHours(1), Clock.systemUTC());

        retry.returnToInbox(exchangeFor("contacts.csv"), false);

        assertThat(retry.accept(file("contacts.csv"))).isTrue();
    }

    @Test
    void aFileWaitingForTheDailyBudgetIsTakenWhenTheBudgetResetsAndNotBefore() {
        java.time.Instant resetsAt = java.time.Instant.parse("2026-12-05T00:00:00Z");
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(resetsAt.minusSeconds(3600));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        InboxRetry retry = new InboxRetry(Path.of("inbox"), Duration.ofSeconds(30), clock);

        retry.returnToInbox(exchangeFor("contacts.csv"), resetsAt);

        assertThat(retry.accept(file("contacts.csv"))).isFalse();
        now.set(resetsAt.minusMillis(1));
        assertThat(retry.accept(file("contacts.csv"))).isFalse();
        now.set(resetsAt);
        assertThat(retry.accept(file("contacts.csv"))).isTrue();
    }

    private static Exchange exchangeFor(String name) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(Exchange.FILE_NAME, name);
        return exchange;
    }

    private static GenericFile<File> file(String name) {
        GenericFile<File> file = new GenericFile<>();
        file.setRelativeFilePath(name);
        file.setFileName(name);
        return file;
    }
}
