package io.vigil.inference.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.inference.InferenceException;
import io.vigil.inference.ModelSettings;
import io.vigil.inference.Scores;
import io.vigil.inference.workload.ExplainWhen;
import io.vigil.inference.workload.ModelKind;
import io.vigil.inference.workload.Scored;
import io.vigil.inference.workload.WorkloadManager;
import io.vigil.platform.http.ApiException;
import io.vigil.platform.http.HttpApi;
import io.vigil.platform.http.Request;
import io.vigil.platform.http.Response;
import io.vigil.topics.events.Score;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/score/{model}} with {@code {"inputs": [...]}}: texts for text models, feature maps
 * (name -> number) for tabular ones; {@code ?explain=true} explains every input. Backed by the same
 * work-load manager as the stream, so concurrent callers share batches. 400 names the bad field, 404 an
 * unknown model, 503 a full queue.
 */
public final class ScoreEndpoint {

    private final WorkloadManager workload;
    private final int maxInputs;
    private final long timeoutMs;

    public ScoreEndpoint(WorkloadManager workload, int maxInputs, long timeoutMs) {
        this.workload = workload;
        this.maxInputs = maxInputs;
        this.timeoutMs = timeoutMs;
    }

    public void mount(HttpApi http) {
        http.post("/v1/score/{model}", this::score);
    }

    Response score(Request req) throws InterruptedException {
        String model = req.pathParam("model");
        ModelKind kind = workload.registry().kind(model); // 404 before looking at the body
        List<Object> inputs = parse(req.json(), kind);
        boolean explain = req.queryParam("explain").map(v -> v.isEmpty() || Boolean.parseBoolean(v)).orElse(false);
        List<Scored> results;
        try {
            results = workload.submit(model, inputs, explain ? ExplainWhen.ALWAYS : ExplainWhen.NEVER)
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException a) throw a;
            throw new InferenceException.ModelFailure("scoring failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw ApiException.unavailable("scoring took longer than " + timeoutMs + " ms; retry later");
        }
        ModelSettings ms = workload.settings(model);
        Instant now = Instant.now();
        List<Score> scores = new ArrayList<>(results.size());
        for (Scored r : results) scores.add(Scores.score(ms, r, null, now, Scores.mode(r)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("modelVersion", results.getFirst().version());
        body.put("results", scores);
        return Response.ok(body);
    }

    private List<Object> parse(JsonNode body, ModelKind kind) {
        JsonNode in = body.get("inputs");
        if (in == null || !in.isArray()) throw new InferenceException.BadInput("field 'inputs': required, a JSON array");
        if (in.isEmpty()) throw new InferenceException.BadInput("field 'inputs': must not be empty");
        if (in.size() > maxInputs) throw new InferenceException.BadInput("field 'inputs': at most " + maxInputs + " per call, got " + in.size());
        List<Object> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            JsonNode x = in.get(i);
            String field = "inputs[" + i + "]";
            if (kind.text()) {
                if (!x.isTextual()) throw new InferenceException.BadInput("field '" + field + "': must be a string (text)");
                if (x.textValue().isBlank()) throw new InferenceException.BadInput("field '" + field + "': is empty text");
                out.add(x.textValue());
            } else {
                if (!x.isObject()) throw new InferenceException.BadInput("field '" + field + "': must be an object of feature -> number");
                float[] f = new float[kind.featureNames().size()];
                for (int j = 0; j < f.length; j++) {
                    String name = kind.featureNames().get(j);
                    JsonNode v = x.get(name);
                    if (v == null || !v.isNumber()) {
                        throw new InferenceException.BadInput("field '" + field + "." + name + "': " + (v == null ? "missing" : "must be a number"));
                    }
                    f[j] = (float) v.doubleValue();
                }
                out.add(f);
            }
        }
        return out;
    }
}
