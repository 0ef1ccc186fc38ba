package io.crmbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crmbridge.remote.RemotePolls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * An SFTP source with {@code remember=true} (docs/sources.md): the file stays on the server, is imported once whatever
 * the polls and a restart of the source's route (the ledger database remembers it), and is taken again once replaced
 * by another version.
 */
class SftpRememberTest extends SftpFlowTestSupport {

    @Override
    Properties sourceProperties() {
        Properties p = new Properties();
        p.setProperty("camel.routeTemplate[" + SOURCE + "].remember", "true");
        return p;
    }

    @Test
    void leavesTheFileOnTheServerAndImportsItOnceUntilItIsReplaced() throws Exception {
        Files.writeString(remote().resolve("contacts-erp.csv"), "email,firstname\nada@example.com,Ada\n",
                StandardCharsets.UTF_8);
        Files.setLastModifiedTime(remote().resolve("contacts-erp.csv"),
                FileTime.from(Instant.now().minusSeconds(60)));
        assertThat(awaitReport("contacts-erp.csv").path("rowsRead").asLong()).isEqualTo(1);

        // more polls, then the route stopped and started again: nothing is taken a second time
        awaitPollsAfter(Instant.now());
        context.getRouteController().stopRoute(SOURCE);
        context.getRouteController().startRoute(SOURCE);
        awaitPollsAfter(Instant.now());
        assertThat(reports("contacts-erp.csv")).hasSize(1);
        assertThat(remoteFiles("")).containsExactly("contacts-erp.csv");
        assertThat(remoteFiles(".done")).isEmpty();

        // another version of the file under the same name is taken: its content is new, so it is imported
        Files.writeString(remote().resolve("contacts-erp.csv"),
                "email,firstname\nada@example.com,Ada\ngrace@example.com,Grace\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(remote().resolve("contacts-erp.csv"),
                FileTime.from(Instant.now().minusSeconds(30)));
        assertThat(awaitReport("contacts-erp.csv", 2, Duration.ofSeconds(60)).path("rowsRead").asLong())
                .isEqualTo(2);
        assertThat(remoteFiles("")).containsExactly("contacts-erp.csv");
    }

    /** Waits until the source has ended a successful poll after {@code after}, plus one more poll delay. */
    private void awaitPollsAfter(Instant after) {
        RemotePolls polls = context.getRegistry().lookupByNameAndType(RemotePolls.BEAN_NAME, RemotePolls.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> polls.sources().stream().anyMatch(s -> !s.down()
                && s.lastPoll() != null && s.lastPoll().isAfter(after.plusMillis(700))));
    }
}
