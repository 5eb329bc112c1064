package io.seqlearn.autograd;

/**
 * Scoped switch for graph recording, per thread: {@code try (var g = GradMode.disabled()) { ... }}.
 * Scopes nest; closing restores the previous state.
 */
public final class GradMode implements AutoCloseable {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);
    private final boolean previous;

    private GradMode(boolean enabled) {
        this.previous = ENABLED.get();
        ENABLED.set(enabled);
    }

    /** Turns recording off until closed. */
    public static GradMode disabled() { return new GradMode(false); }

    /** Turns recording on until closed. */
    public static GradMode enabled() { return new GradMode(true); }

    public static boolean isEnabled() { return ENABLED.get(); }

    @Override
    public void close() { ENABLED.set(previous); }
}
