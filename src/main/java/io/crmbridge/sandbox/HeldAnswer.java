package io.crmbridge.sandbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A fault for crash tests: the answer to the first request matching a rule is held back after the
 * sandbox applied the request (its writes are in the portal and it is in the request log) and before
 * the answer is sent, until {@link #release()} or {@value #MAX_HOLD_SECONDS} s pass. A client killed
 * meanwhile has had its batch applied by HubSpot without ever learning it: the window between a
 * write and the client's own record of it. Armed with {@link HubSpotSandbox#holdAnswer(Predicate)}.
 */
public final class HeldAnswer {

    /** Longest hold, so that a test that forgets to release never blocks a sandbox thread for good. */
    static final long MAX_HOLD_SECONDS = 120;

    private final Predicate<RecordedRequest> rule;
    private final AtomicBoolean taken = new AtomicBoolean();
    private final AtomicReference<RecordedRequest> heldRequest = new AtomicReference<>();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    HeldAnswer(Predicate<RecordedRequest> rule) {
        this.rule = rule;
    }

    /** Called on the sandbox thread after the request was applied: blocks when this hold takes it. */
    boolean holdIfMatching(RecordedRequest request) {
        if (taken.get() || !rule.test(request) || !taken.compareAndSet(false, true)) {
            return false;
        }
        heldRequest.set(request);
        held.countDown();
        try {
            released.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /**
     * Waits until a request is being held.
     *
     * @return the held request
     * @throws IllegalStateException when none was held within {@code timeout}
     */
    public RecordedRequest awaitHeld(Duration timeout) throws InterruptedException {
        if (!held.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("no request matched the hold within " + timeout);
        }
        return heldRequest.get();
    }

    /** Whether a request is held (or was). */
    public boolean isTaken() {
        return taken.get();
    }

    /** Lets the held answer go (to a client that may be gone); a hold that took nothing stops waiting for one. */
    public void release() {
        taken.set(true);
        released.countDown();
    }
}
