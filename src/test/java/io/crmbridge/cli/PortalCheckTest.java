package io.crmbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmbridge.hubspot.PortalScopes;
import io.crmbridge.sandbox.HubSpotSandbox;
import io.crmbridge.sandbox.SandboxConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --check-portal} against a "portal" (a sandbox this test starts with its own token, reached as a real portal
 * with a token file), in this JVM: one line a check, 0 or 1, and never the token.
 */
class PortalCheckTest {

    private static final String TOKEN = "pat-na1-canary-0b9e4c1d-check-portal";

    @TempDir
    Path dir;

    private record Result(int status, String output) {
    }

    private Result check(SandboxConfig portal, String tokenInFile, String... overrides) throws Exception {
        try (HubSpotSandbox sandbox = HubSpotSandbox.start(portal)) {
            Path tokenFile = Files.writeString(dir.resolve("token"), tokenInFile + "\n", StandardCharsets.UTF_8);
            Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of("hubspot.sandbox", "false",
                    "hubspot.base-url", sandbox.baseUrl(), "hubspot.access-token-file", tokenFile.toString()));
            for (int i = 0; i < overrides.length; i += 2) {
                settings.put(overrides[i], overrides[i + 1]);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = PortalCheck.run(settings, new PrintStream(out, true, StandardCharsets.UTF_8));
            return new Result(status, out.toString(StandardCharsets.UTF_8));
        }
    }

    private static SandboxConfig portal(Set<String> scopes) {
        return SandboxConfig.defaults(TOKEN).withScopes(scopes).withDailyLimit(250_000);
    }

    @Test
    void everyCheckPassesWithEveryScopeAndTheDailyBudgetIsShown() throws Exception {
        Result r = check(portal(PortalScopes.standard().names()), TOKEN, "hubspot.api-version", "2026-09");

        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).startsWith("Checking HubSpot at http://127.0.0.1:").contains("(API 2026-09)")
                .contains("[ok]   API version 2026-09 answers")
                .containsPattern("\\[ok] {3}daily budget left: 2499\\d\\d of the account's 250000 requests, resets at ")
                .doesNotContain(TOKEN);
        assertThat(r.output().lines().filter(l -> l.startsWith("[ok]   scope "))).hasSize(PortalScopes.standard()
                .scopes().size());
    }

    @Test
    void aMissingScopeFailsTheCheckAndItsLineNamesTheScope() throws Exception {
        Set<String> scopes = new HashSet<>(PortalScopes.standard().names());
        scopes.remove("tickets");

        Result r = check(portal(scopes), TOKEN);

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.output()).contains("[FAIL] scope tickets missing: HubSpot answered 403 MISSING_SCOPES (missing"
                + " scopes: tickets); grant it to the service key").contains("1 check(s) failed.");
    }

    @Test
    void theListMembershipsScopeIsOnlyNeededWithTheirSetting() throws Exception {
        Set<String> scopes = new HashSet<>(PortalScopes.standard().names());
        scopes.remove("crm.lists.read");

        assertThat(check(portal(scopes), TOKEN).output()).contains("[info] scope crm.lists.read missing");
        Result needed = check(portal(scopes), TOKEN, "crm-bridge.sync.list-memberships", "true");
        assertThat(needed.status()).isEqualTo(1);
        assertThat(needed.output()).contains("[FAIL] scope crm.lists.read missing");
    }

    @Test
    void aRefusedTokenIsSaidOnceAndNeverPrinted() throws Exception {
        String wrong = "pat-na1-wrong-7f3a-canary";

        Result r = check(portal(PortalScopes.standard().names()), wrong);

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.output()).contains("[FAIL] token accepted: HubSpot answered 401 (INVALID_AUTHENTICATION")
                .contains("[skip] API version, scopes and daily budget").doesNotContain(wrong).doesNotContain(TOKEN);
    }

    @Test
    void anUnknownDailyUsageFailsItsCheck() throws Exception {
        Set<String> scopes = new HashSet<>(PortalScopes.standard().names());
        scopes.remove("oauth");

        Result r = check(portal(scopes), TOKEN);

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.output()).contains("[FAIL] scope oauth missing")
                .contains("[FAIL] daily budget left: unknown (403 MISSING_SCOPES (missing scopes: oauth))");
    }
}
