package io.vigil.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.vigil.models.DjlOffline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerBuilderTest {

    @TempDir
    Path dir;

    @Test
    void writesTokenizerJsonThatHuggingFaceLoadsWithExpectedIds() throws Exception {
        DjlOffline.ensure();
        List<String> corpus = List.of("Stocks rally, stocks rally!", "Stocks fall https://t.co/abc", "Café stocks http://x.io/q");
        Path json = dir.resolve("tokenizer.json");
        Map<String, Integer> vocab = new TokenizerBuilder().vocabCap(100).minFrequency(2).write(corpus, json);
        assertThat(vocab.get("[PAD]")).isZero();
        assertThat(vocab).containsKeys("[UNK]", "[CLS]", "[SEP]", "stocks", "rally", "httpurl", "##e");
        assertThat(vocab).doesNotContainKey("fall"); // seen once: below minFrequency

        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(json, Map.of("addSpecialTokens", "true"))) {
            Encoding[] enc = tok.batchEncode(List.of("STOCKS rally", "Stocks fall https://t.co/xyz"));
            assertThat(enc[0].getIds()).containsExactly(vocab.get("[CLS]"), vocab.get("stocks"), vocab.get("rally"), vocab.get("[SEP]"));
            // unseen "fall" splits into characters (f ##a ##l ##l), the URL becomes one placeholder
            assertThat(enc[1].getTokens()).containsExactly("[CLS]", "stocks", "f", "##a", "##l", "##l", "httpurl", "[SEP]");
            // offsets point into the original text
            var spans = enc[1].getCharTokenSpans();
            assertThat("Stocks fall https://t.co/xyz".substring(spans[1].getStart(), spans[1].getEnd())).isEqualTo("Stocks");
            // a character never seen is [UNK]
            assertThat(tok.encode("€").getIds()).containsExactly(vocab.get("[CLS]"), vocab.get("[UNK]"), vocab.get("[SEP]"));
        }
    }

    @Test
    void preTokenizeMirrorsBertRules() {
        assertThat(TokenizerBuilder.preTokenize("Héllo, World! $AAPL up 3.5% https://t.co/x"))
                .containsExactly("hello", ",", "world", "!", "$", "aapl", "up", "3", ".", "5", "%", "httpurl");
    }
}
