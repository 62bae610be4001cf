package io.vigil.ingest.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tickers and company names in headline text: cashtags ({@code $AAPL}, {@code $BRK.B}) and the aliases of
 * the bundled gazetteer ({@code ingest/companies.tsv}), matched case-sensitively on word boundaries in one
 * regex pass (longest alias first, so "Bank of America" beats "America").
 */
public final class Gazetteer {

    private static final Pattern CASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}$])\\$([A-Z]{1,6}(?:\\.[A-Z]{1,2})?)(?![\\p{L}\\p{N}])");

    public record Company(String ticker, String name) {
    }

    public record Found(List<String> tickers, List<String> entities) {
    }

    private final Map<String, Company> byAlias;
    private final Pattern aliases;

    private Gazetteer(Map<String, Company> byAlias) {
        this.byAlias = byAlias;
        this.aliases = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + byAlias.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote).collect(Collectors.joining("|")) + ")(?![\\p{L}\\p{N}])");
    }

    public static Gazetteer standard() {
        try (InputStream in = Gazetteer.class.getResourceAsStream("/ingest/companies.tsv")) {
            if (in == null) throw new IllegalStateException("ingest/companies.tsv missing from the classpath");
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Gazetteer parse(List<String> lines) {
        Map<String, Company> byAlias = new HashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            if (f.length != 3) throw new IllegalArgumentException("gazetteer line needs 3 tab-separated fields: " + line);
            Company c = new Company(f[0].strip(), f[1].strip());
            for (String alias : f[2].split("\\|")) {
                if (!alias.isBlank()) byAlias.put(alias.strip(), c);
            }
        }
        return new Gazetteer(byAlias);
    }

    /** The cashtags of a text, in order, each once ({@code $AAPL} -> {@code AAPL}). */
    public static List<String> cashtags(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = CASHTAG.matcher(text);
        while (m.find()) out.add(m.group(1));
        return List.copyOf(out);
    }

    /** Tickers (given ones first, then cashtags, then those of named companies) and company names, each once, in order. */
    public Found find(List<String> givenTickers, String... texts) {
        Set<String> tickers = new LinkedHashSet<>();
        if (givenTickers != null) givenTickers.stream().map(t -> t.strip().toUpperCase(java.util.Locale.ROOT))
                .filter(t -> !t.isEmpty()).forEach(tickers::add);
        List<Company> named = new ArrayList<>();
        for (String text : texts) {
            if (text == null) continue;
            Matcher m = CASHTAG.matcher(text);
            while (m.find()) tickers.add(m.group(1));
        }
        for (String text : texts) {
            if (text == null) continue;
            Matcher m = aliases.matcher(text);
            while (m.find()) named.add(byAlias.get(m.group()));
        }
        Set<String> entities = new LinkedHashSet<>();
        for (Company c : named) {
            entities.add(c.name());
            tickers.add(c.ticker());
        }
        return new Found(List.copyOf(tickers), List.copyOf(entities));
    }
}
