package io.vigil.models.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Regenerates src/test/resources/torchscript-tiny (not a test): writes tokenizer.json and
 * config.json, then prints the arguments for export.py (vocab size, id of "good", id of "bad").
 * Run: java ... TorchScriptFixture dir &amp;&amp; python3 export.py VOCAB GOOD BAD dir/model.pt
 */
public final class TorchScriptFixture {

    static final List<String> CORPUS = List.of("good news good results", "bad news bad results", "the market");

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Map<String, Integer> vocab = new TokenizerBuilder().vocabCap(200).minFrequency(1).write(CORPUS, dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("config.json"),
                "{\"type\": \"torchscript-text\", \"labels\": [\"neg\", \"pos\"], \"maxLength\": 32}\n");
        System.out.println(vocab.size() + " " + vocab.get("good") + " " + vocab.get("bad"));
    }
}
