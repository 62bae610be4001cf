package io.vigil.ingest.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * A large word list kept as a sorted array of 64-bit hashes (8 bytes a word instead of ~60 for a String in a
 * HashSet): membership only. With 300k words the chance that some word outside the list collides with one in
 * it is about 300k / 2^64 per lookup, i.e. never in practice.
 */
final class HashedWords {

    private final long[] hashes;

    private HashedWords(long[] hashes) {
        this.hashes = hashes;
    }

    static HashedWords of(Iterable<String> words) {
        long[] h = new long[16];
        int n = 0;
        for (String w : words) {
            if (n == h.length) {
                h = Arrays.copyOf(h, n * 2);
            }
            h[n++] = hash(w);
        }
        return sorted(h, n);
    }

    /** One lower-case word a line, gzipped, from the classpath. */
    static HashedWords load(String resource) {
        try (InputStream raw = HashedWords.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            long[] h = new long[1 << 16];
            int n = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16),
                    StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isEmpty() || line.charAt(0) == '#') {
                        continue;
                    }
                    if (n == h.length) {
                        h = Arrays.copyOf(h, n * 2);
                    }
                    h[n++] = hash(line.strip());
                }
            }
            return sorted(h, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static HashedWords sorted(long[] h, int n) {
        long[] a = Arrays.copyOf(h, n);
        Arrays.sort(a);
        return new HashedWords(a);
    }

    boolean contains(String word) {
        return Arrays.binarySearch(hashes, hash(word)) >= 0;
    }

    int size() {
        return hashes.length;
    }

    /** FNV-1a over the UTF-16 chars, then MurmurHash3's 64-bit finaliser. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53ae87bL;
        h ^= h >>> 33;
        return h;
    }
}
