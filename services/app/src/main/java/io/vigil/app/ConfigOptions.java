package io.vigil.app;

import io.vigil.platform.config.VigilConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options every command shares: where configuration comes from. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (layers: defaults < file < VIGIL_* environment < --set).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one configuration key, e.g. --set kafka.bootstrap-servers=host:9092 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory for local mode (default: ./vigil-data).")
    Path dataDir;

    public VigilConfig load() {
        return load(java.util.List.of());
    }

    /** With extra config layers below the user's file (e.g. local mode's generated API keys). */
    public VigilConfig load(java.util.List<Path> baseLayers) {
        Map<String, String> cli = new LinkedHashMap<>(overrides);
        if (dataDir != null) cli.put("data-dir", dataDir.toString());
        java.util.List<Path> files = new java.util.ArrayList<>(baseLayers);
        if (configFile != null) files.add(configFile);
        return VigilConfig.loadAll(files, System.getenv(), cli);
    }
}
