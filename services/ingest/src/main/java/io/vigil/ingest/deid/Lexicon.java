package io.vigil.ingest.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Word lists bundled under {@code /deid} (see {@code deid/SOURCE.md}): English words, proper nouns,
 * given names, clinical vocabulary and eponyms. Immutable once loaded; shared by all threads.
 */
final class Lexicon {

    private static volatile Lexicon defaults;

    final Set<String> englishWords;   // lower case
    final Set<String> properNouns;    // as written, e.g. "Romero"
    final Set<String> givenNames;     // lower case
    final Set<String> ambiguousGiven; // lower case: given names that are also frequent words
    final Set<String> medicalTerms;   // lower case
    final Set<String> eponyms;        // lower case
    final Set<String> medicalHeads;   // lower case
    final Set<String> placesNotPhi;   // lower case: countries, continents, states
    final Set<String> gazetteerGiven;    // lower case: given names of many locales (datafaker)
    final Set<String> gazetteerSurnames; // lower case: surnames of many locales (datafaker)
    final NameLikelihood nameLikelihood; // names vs English/clinical words, by character trigrams
    final HashedWords rareWords;         // rarer English words (SCOWL size 95), lower case

    private Lexicon() {
        englishWords = load("english_words.txt.gz", true);
        properNouns = load("proper_nouns.txt.gz", false);
        givenNames = load("given_names.txt", true);
        ambiguousGiven = load("given_names_ambiguous.txt", true);
        medicalTerms = load("medical_terms.txt", true);
        eponyms = load("eponyms.txt", true);
        medicalHeads = load("medical_heads.txt", true);
        placesNotPhi = load("places_not_phi.txt", true);
        gazetteerGiven = load("name_gazetteer_given.txt.gz", true);
        gazetteerSurnames = load("name_gazetteer_surnames.txt.gz", true);
        rareWords = HashedWords.load("/deid/english_words_rare.txt.gz");
        nameLikelihood = new NameLikelihood(java.util.List.of(gazetteerGiven, gazetteerSurnames, givenNames),
                java.util.List.of(englishWords, medicalTerms));
    }

    static Lexicon defaults() {
        Lexicon l = defaults;
        if (l == null) {
            synchronized (Lexicon.class) {
                l = defaults;
                if (l == null) {
                    l = new Lexicon();
                    defaults = l;
                }
            }
        }
        return l;
    }

    private static Set<String> load(String name, boolean lowerCase) {
        String path = "/deid/" + name;
        try (InputStream raw = Lexicon.class.getResourceAsStream(path)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            Set<String> out = new HashSet<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    line = line.strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    for (String w : line.split("\\s+")) {
                        out.add(lowerCase ? w.toLowerCase(Locale.ROOT) : w);
                    }
                }
            }
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
