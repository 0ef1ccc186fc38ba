package io.crmbridge.push;

import io.crmbridge.flow.ImportFlowTestSupport;
import io.crmbridge.sandbox.brevo.BrevoSandbox;
import io.crmbridge.sandbox.brevo.BrevoSandboxConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;

/**
 * Boots the application with a Brevo account of the test's own: a Brevo sandbox the test configures (faults,
 * key) and the application reaches as a real account, through {@code brevo.api-key} and {@code brevo.base-url}.
 */
abstract class OwnBrevoAccountTestSupport extends ImportFlowTestSupport {

    private BrevoSandbox account;

    /** The account's settings: its key, limit and faults. */
    protected abstract BrevoSandboxConfig accountConfig();

    /** The key the application sends; the account's own unless a test says otherwise. */
    protected String clientKey() {
        return accountConfig().apiKey();
    }

    /** Further properties of the test class. */
    protected Properties moreProperties() {
        return new Properties();
    }

    /** The account, started on first use (the properties are asked for before the test runs). */
    protected BrevoSandbox brevoAccount() {
        if (account == null) {
            try {
                account = BrevoSandbox.start(accountConfig());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return account;
    }

    @Override
    protected Properties extraProperties() {
        Properties p = unlimitedRate();
        p.setProperty("brevo.api-key", clientKey());
        p.setProperty("brevo.base-url", brevoAccount().baseUrl());
        p.putAll(moreProperties());
        return p;
    }

    @AfterEach
    void closeAccount() {
        if (account != null) {
            account.close();
        }
    }
}
