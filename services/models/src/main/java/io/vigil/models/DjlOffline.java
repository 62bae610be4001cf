package io.vigil.models;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes DJL offline before its Engine class loads. Every public entry point of this library calls
 * {@link #ensure()} first.
 *
 * <p>What DJL 0.35.1 reads (checked in the api jar): {@code Utils.isOfflineMode()} = env
 * {@code DJL_OFFLINE}, else system property {@code ai.djl.offline}, else {@code offline};
 * {@code Ec2Utils.callHome} skips when offline, else reads env {@code OPT_OUT_TRACKING}, then the
 * system property of that name. Environment variables win over properties, so an environment that
 * says {@code DJL_OFFLINE=false} or {@code OPT_OUT_TRACKING=false} is refused rather than obeyed.
 */
public final class DjlOffline {

    private static final AtomicBoolean DONE = new AtomicBoolean();

    private DjlOffline() {}

    /** Idempotent; cheap after the first call. */
    public static void ensure() {
        if (DONE.get()) {
            return;
        }
        synchronized (DjlOffline.class) {
            if (DONE.get()) {
                return;
            }
            refuseEnv("DJL_OFFLINE");
            refuseEnv("OPT_OUT_TRACKING");
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("offline", "true");
            System.setProperty("OPT_OUT_TRACKING", "true");
            // Oversubscribed intra-op threads made training 6x slower on small boxes; callers that
            // own a big machine set these properties themselves before the first call.
            setIfAbsent("ai.djl.pytorch.num_threads", "1");
            setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
            DONE.set(true);
            if (Boolean.getBoolean("vigil.djl.trace")) {
                System.out.println("vigil: DJL offline switches set");
                System.out.flush();
            }
        }
    }

    /** True once {@link #ensure()} has run in this JVM. */
    public static boolean isEnsured() {
        return DONE.get();
    }

    private static void refuseEnv(String name) {
        String v = System.getenv(name);
        if (v != null && !Boolean.parseBoolean(v)) {
            throw new IllegalStateException("Environment variable " + name + "=" + v
                    + " would let DJL call home or download natives; unset it or set it to true");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
