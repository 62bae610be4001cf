package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link PluginsService} that instantiates plugin classes found on the classpath instead of reading
 * plugin bundles from {@code $ES_HOME/modules|plugins}. Vigil embeds Elasticsearch in-process from Maven
 * artifacts, where no such directories exist.
 *
 * <p>It lives in ES's package because {@code LoadedPlugin}, {@code loadPlugin} and {@code loadExtensions}
 * are package-private: this works on the classpath only and is tied to the exact ES version pinned in the
 * parent POM. Used by {@code io.vigil.platform.elasticsearch.EmbeddedElasticsearch}; nothing else should.
 */
public final class VigilClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> classpathPlugins;

    public VigilClasspathPluginsService(Settings settings, Environment environment,
                                        Collection<Class<? extends Plugin>> pluginClasses) {
        // An empty loader: the superclass then finds no bundles, and plugins() below supplies ours.
        super(settings, environment.configDir(), emptyLoader());
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (Class<? extends Plugin> type : pluginClasses) {
            Plugin instance = loadPlugin(type, settings, environment.configDir());
            PluginDescriptor descriptor = new PluginDescriptor(
                    type.getName(), "classpath plugin " + type.getName(), "NA",
                    Build.current().version(), "21", type.getName(), null, List.of(),
                    false, false, false, false, PluginDescriptor.DeploymentTarget.ALL);
            loaded.add(new LoadedPlugin(descriptor, instance, type.getClassLoader()));
        }
        loadExtensions(loaded);
        this.classpathPlugins = List.copyOf(loaded);
    }

    /**
     * A loader with no bundles. The public factory wires module-qualified exports, which needs ES's server
     * module; on the classpath that module is unnamed, so the package-private constructor is used instead.
     */
    public static PluginsLoader emptyLoader() {
        return new PluginsLoader(Set.of(), Set.of(), Map.of());
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    /** Names of the loaded plugin classes, for diagnostics. */
    public List<String> classpathPluginNames() {
        return classpathPlugins.stream().map(p -> p.descriptor().getName()).toList();
    }

}
