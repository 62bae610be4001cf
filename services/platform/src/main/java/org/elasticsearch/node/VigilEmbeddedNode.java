package org.elasticsearch.node;

import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;
import org.elasticsearch.plugins.VigilClasspathPluginsService;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Node} whose plugins are classes on the classpath (Netty4Plugin, Vigil's root handler).
 *
 * <p>It lives in ES's package because {@code Node(NodeConstruction)}, {@code NodeConstruction.prepareConstruction}
 * and {@code NodeServiceProvider} are package-private; classpath only, tied to the pinned ES version.
 */
public final class VigilEmbeddedNode extends Node {

    private static final AtomicBoolean ID_LISTENER_REGISTERED = new AtomicBoolean();

    public VigilEmbeddedNode(Environment environment, List<Class<? extends Plugin>> pluginClasses) {
        super(NodeConstruction.prepareConstruction(
                environment,
                VigilClasspathPluginsService.emptyLoader(),
                new ClasspathServiceProvider(List.copyOf(pluginClasses)),
                true));
    }

    /**
     * ES stores the node and cluster id for its log pattern in a JVM-wide set-once holder; a second node in
     * the same JVM (a restart) would fail there (an AssertionError under -ea that kills the cluster applier
     * thread). The first node registers it; later nodes skip it, their ids only feed log lines.
     */
    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
        if (ID_LISTENER_REGISTERED.compareAndSet(false, true)) {
            super.configureNodeAndClusterIdStateListener(clusterService);
        }
    }

    private static final class ClasspathServiceProvider extends NodeServiceProvider {
        private final List<Class<? extends Plugin>> pluginClasses;

        ClasspathServiceProvider(List<Class<? extends Plugin>> pluginClasses) {
            this.pluginClasses = pluginClasses;
        }

        @Override
        PluginsService newPluginService(Environment environment, PluginsLoader pluginsLoader) {
            return new VigilClasspathPluginsService(environment.settings(), environment, pluginClasses);
        }
    }
}
