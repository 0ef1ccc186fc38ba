package io.crmbridge.ops;

import io.crmbridge.remote.RemotePolls;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness check "remote sources" (docs/sources.md): UP while the last poll of every SFTP or FTPS source succeeded
 * (and when no source is configured, or none was polled yet), DOWN while one failed, with the failure in words: a
 * refused host key, a refused login, an unreachable server ({@link RemotePolls}). Only the failing source is retried
 * with backoff; the local inbox and the other sources go on. Names servers by protocol, host, port and folder, never
 * with a user's password or key.
 */
public final class RemoteSourcesHealthCheck extends ReadinessCheck {

    /** Registry name. */
    public static final String BEAN_NAME = "remoteSourcesHealthCheck";
    /** The id under which the check appears in the health JSON. */
    public static final String ID = "remote-sources";

    private final RemotePolls polls;

    public RemoteSourcesHealthCheck(RemotePolls polls) {
        super(ID);
        this.polls = polls;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<RemotePolls.Status> sources = polls.sources();
        List<RemotePolls.Status> failing = sources.stream().filter(RemotePolls.Status::down).toList();
        builder.detail("remote.sources", sources.size());
        builder.detail("remote.failing", failing.size());
        if (failing.isEmpty()) {
            builder.message(sources.isEmpty() ? "No remote source polled yet"
                    : "Every remote source answered its last poll").up();
            return;
        }
        builder.message(failing.stream().map(s -> "remote source " + s.route() + " (" + s.server() + "): "
                + s.failing() + " [" + s.failedPolls() + " failed poll(s) in a row]")
                .collect(Collectors.joining("; "))).down();
    }
}
