package io.vigil.feedback.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The proof-of-learning blind spot, one definition for the feedback module's ProofOfLearningIT and for
 * {@code vigil bench learning}, so both measure the same class: headlines about a company's losses or debt
 * <em>shrinking</em> ("X narrows quarterly loss to $12 million") are good news that a sentiment model reading
 * "loss"/"debt" calls negative. Corrections are made on {@link #CORRECTED} companies; {@link #HELD_OUT} companies
 * are the held-out test of the class.
 */
public final class BlindSpotHeadlines {

    static final String[] TEMPLATES = {"%s narrows quarterly loss to $%d million", "%s trims net loss as costs fall",
            "%s cuts its loss in half in Q%d", "%s losses shrink to $%d million", "%s net loss narrows sharply",
            "%s debt falls to $%d million", "%s slashes debt by %d percent", "%s pays down $%d million of debt"};
    public static final List<String> CORRECTED = List.of("Acme Corp", "Globex", "Initech", "Umbrella Holdings",
            "Stark Industries", "Wayne Enterprises", "Hooli", "Vandelay Industries", "Soylent", "Cyberdyne", "Tyrell",
            "Wonka Foods", "Aperture Labs", "Massive Dynamic", "Oscorp", "Pied Piper", "Prestige Worldwide",
            "Gringotts Bank", "Nakatomi Trading", "Dunder Mifflin", "Sterling Cooper", "Bluth Company", "Krusty Krab",
            "Monarch Air", "Zorg");
    public static final List<String> HELD_OUT = List.of("Northwind Traders", "Contoso", "Fabrikam", "Tailspin Toys",
            "Litware", "Adventure Works", "Proseware", "Wingtip Toys", "Alpine Ski House", "Coho Winery",
            "Lucerne Publishing", "Margie's Travel", "Trey Research", "Fourth Coffee", "Humongous Insurance");

    private BlindSpotHeadlines() {}

    /** {@code n} distinct headlines about {@code companies}, the same for the same seed. */
    public static List<String> headlines(List<String> companies, int n, long seed) {
        Random r = new Random(seed);
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < n) {
            String t = TEMPLATES[r.nextInt(TEMPLATES.length)];
            String c = companies.get(r.nextInt(companies.size()));
            out.add(t.contains("%d") ? String.format(Locale.ROOT, t, c, 2 + r.nextInt(90)) : String.format(Locale.ROOT, t, c));
        }
        return List.copyOf(out);
    }
}
