package io.vigil.models.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes a HuggingFace {@code tokenizer.json} (WordPiece) from a corpus, loadable by DJL's
 * HuggingFaceTokenizer. Normalisation (URL replacement, BERT lower-casing with accent stripping)
 * and pre-tokenisation (BERT: whitespace and punctuation) live inside the JSON, so serving and
 * training tokenise identically and offsets map back to the original text.
 *
 * <p>Vocabulary: the special tokens, then every character seen (as a word start and as a
 * {@code ##} continuation, so unseen words split into characters rather than [UNK]), then whole
 * words by descending corpus frequency (ties alphabetical, for reproducibility) up to the cap.
 */
public final class TokenizerBuilder {

    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final String MASK = "[MASK]";
    public static final List<String> SPECIALS = List.of(PAD, UNK, CLS, SEP, MASK);
    /** URLs carry no sentiment and explode into characters; one placeholder word replaces each. */
    public static final String URL_REGEX = "https?://\\S+";
    public static final String URL_TOKEN = "httpurl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private int vocabCap = 8000;
    private int minFrequency = 2;
    private int maxCharsPerWord = 100;

    public TokenizerBuilder vocabCap(int cap) {
        this.vocabCap = cap;
        return this;
    }

    public TokenizerBuilder minFrequency(int f) {
        this.minFrequency = f;
        return this;
    }

    /** Builds the vocabulary (token -> id); [PAD] is id 0. */
    public Map<String, Integer> buildVocab(Iterable<String> corpus) {
        Map<String, Integer> freq = new HashMap<>();
        TreeSet<Integer> chars = new TreeSet<>();
        for (String text : corpus) {
            for (String w : preTokenize(text)) {
                freq.merge(w, 1, Integer::sum);
                w.codePoints().forEach(chars::add);
            }
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : SPECIALS) {
            vocab.put(s, vocab.size());
        }
        for (int cp : chars) {
            String c = new String(Character.toChars(cp));
            vocab.putIfAbsent(c, vocab.size());
            vocab.putIfAbsent("##" + c, vocab.size());
        }
        List<Map.Entry<String, Integer>> words = new ArrayList<>(freq.entrySet());
        words.sort((a, b) -> b.getValue().equals(a.getValue())
                ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue());
        for (Map.Entry<String, Integer> e : words) {
            if (vocab.size() >= vocabCap || e.getValue() < minFrequency) {
                break;
            }
            vocab.putIfAbsent(e.getKey(), vocab.size());
        }
        return vocab;
    }

    /** Builds the vocabulary from the corpus and writes tokenizer.json; returns the vocabulary. */
    public Map<String, Integer> write(Iterable<String> corpus, Path tokenizerJson) throws IOException {
        Map<String, Integer> vocab = buildVocab(corpus);
        Files.createDirectories(tokenizerJson.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(tokenizerJson.toFile(), toJson(vocab));
        return vocab;
    }

    ObjectNode toJson(Map<String, Integer> vocab) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String s : SPECIALS) {
            ObjectNode t = added.addObject();
            t.put("id", vocab.get(s));
            t.put("content", s);
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        ObjectNode norm = root.putObject("normalizer");
        norm.put("type", "Sequence");
        ArrayNode norms = norm.putArray("normalizers");
        ObjectNode replace = norms.addObject();
        replace.put("type", "Replace");
        replace.putObject("pattern").put("Regex", URL_REGEX);
        replace.put("content", " " + URL_TOKEN + " ");
        ObjectNode bert = norms.addObject();
        bert.put("type", "BertNormalizer");
        bert.put("clean_text", true);
        bert.put("handle_chinese_chars", true);
        bert.putNull("strip_accents");
        bert.put("lowercase", true);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", CLS).put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        single.addObject().putObject("SpecialToken").put("id", SEP).put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", CLS).put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", SEP).put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        pair.addObject().putObject("SpecialToken").put("id", SEP).put("type_id", 1);
        ObjectNode specials = post.putObject("special_tokens");
        for (String s : List.of(CLS, SEP)) {
            ObjectNode st = specials.putObject(s);
            st.put("id", s);
            st.putArray("ids").add(vocab.get(s));
            st.putArray("tokens").add(s);
        }
        ObjectNode dec = root.putObject("decoder");
        dec.put("type", "WordPiece");
        dec.put("prefix", "##");
        dec.put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece");
        model.put("unk_token", UNK);
        model.put("continuing_subword_prefix", "##");
        model.put("max_input_chars_per_word", maxCharsPerWord);
        ObjectNode v = model.putObject("vocab");
        vocab.forEach(v::put);
        return root;
    }

    /**
     * Java mirror of the JSON's normaliser + BERT pre-tokeniser, used only to count words for the
     * vocabulary (the tokenizer itself runs from the JSON).
     */
    public static List<String> preTokenize(String text) {
        String s = text.replaceAll(URL_REGEX, " " + URL_TOKEN + " ").toLowerCase(Locale.ROOT);
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
                flush(cur, out);
            } else if (isPunctuation(cp)) {
                flush(cur, out);
                out.add(new String(Character.toChars(cp)));
            } else {
                cur.appendCodePoint(cp);
            }
        }
        flush(cur, out);
        return out;
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (!cur.isEmpty()) {
            out.add(cur.toString());
            cur.setLength(0);
        }
    }

    /** BERT's definition: ASCII non-alphanumeric printable characters plus Unicode P* classes. */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)
                || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
                || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
                || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
                || t == Character.OTHER_PUNCTUATION;
    }
}
