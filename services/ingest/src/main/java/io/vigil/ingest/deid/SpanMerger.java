package io.vigil.ingest.deid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Merges overlapping candidates into disjoint spans: the union is redacted, the most specific type names it. */
final class SpanMerger {

    private SpanMerger() {
    }

    static List<Span> merge(List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt(Candidate::start).thenComparingInt(c -> -c.end()));
        List<Span> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            Candidate first = sorted.get(i);
            int start = first.start();
            int end = first.end();
            Candidate best = first;
            int j = i + 1;
            // Union every candidate that overlaps the growing cluster (recall first: never cut a detection).
            while (j < sorted.size() && sorted.get(j).start() < end) {
                Candidate c = sorted.get(j);
                end = Math.max(end, c.end());
                if (c.priority() > best.priority()
                        || (c.priority() == best.priority() && c.end() - c.start() > best.end() - best.start())) {
                    best = c;
                }
                j++;
            }
            out.add(new Span(best.type(), start, end));
            i = j;
        }
        return out;
    }
}
