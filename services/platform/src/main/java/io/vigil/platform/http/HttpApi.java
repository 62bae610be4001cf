package io.vigil.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP front on the JDK's server: routes with {@code {param}} templates, JSON in and out, and
 * one place that maps errors to status codes ({@link ApiException} -> its status, anything else -> 500
 * without internals). Requests run on virtual threads. Bodies over {@code maxBodyBytes} get a 413.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

    private final List<Route> routes = new ArrayList<>();
    private final ObjectMapper mapper;
    private final String host;
    private final int requestedPort;
    private final int maxBodyBytes;
    private HttpServer server;
    private ExecutorService executor;

    private record Route(String method, Pattern pattern, List<String> params, String template, Handler handler) {
    }

    public HttpApi(String host, int port) {
        this(host, port, 16 * 1024 * 1024);
    }

    public HttpApi(String host, int port, int maxBodyBytes) {
        this.host = host;
        this.requestedPort = port;
        this.maxBodyBytes = maxBodyBytes;
        this.mapper = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Adds a route; {@code template} like {@code /v1/score/{model}}. Later routes never shadow earlier ones. */
    public HttpApi route(String method, String template, Handler handler) {
        List<String> params = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            params.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        synchronized (routes) {
            routes.add(new Route(method.toUpperCase(), Pattern.compile(regex.toString()), params, template, handler));
        }
        return this;
    }

    public HttpApi get(String template, Handler h) {
        return route("GET", template, h);
    }

    public HttpApi post(String template, Handler h) {
        return route("POST", template, h);
    }

    public synchronized HttpApi start() {
        if (server != null) return this;
        try {
            server = HttpServer.create(new InetSocketAddress(host, requestedPort), 128);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + requestedPort + ": " + e.getMessage(), e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        log.info("HTTP listening on http://{}:{}", host, port());
        return this;
    }

    public int port() {
        HttpServer s = server;
        if (s == null) throw new IllegalStateException("not started");
        return s.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    @Override
    public synchronized void close() {
        if (server == null) return;
        server.stop(0);
        executor.shutdownNow();
        server = null;
    }

    private void dispatch(HttpExchange ex) {
        String method = ex.getRequestMethod().toUpperCase();
        String path = ex.getRequestURI().getRawPath();
        Response response;
        try {
            response = handle(ex, method, path);
        } catch (ApiException e) {
            response = error(e.status(), e.getMessage());
        } catch (Exception e) {
            log.error("{} {} failed", method, path, e);
            response = error(500, "internal error; see the service log");
        }
        write(ex, method, response);
    }

    private Response handle(HttpExchange ex, String method, String path) throws Exception {
        boolean pathMatched = false;
        List<Route> snapshot;
        synchronized (routes) {
            snapshot = List.copyOf(routes);
        }
        for (Route r : snapshot) {
            Matcher m = r.pattern.matcher(path);
            if (!m.matches()) continue;
            pathMatched = true;
            boolean methodOk = r.method.equals(method) || (method.equals("HEAD") && r.method.equals("GET"));
            if (!methodOk) continue;
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < r.params.size(); i++) {
                params.put(r.params.get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
            }
            Request req = new Request(method, path, params, parseQuery(ex.getRequestURI().getRawQuery()),
                    ex.getRequestHeaders(), readBody(ex), mapper);
            Response resp = r.handler.handle(req);
            return resp == null ? Response.noContent() : resp;
        }
        if (pathMatched) throw new ApiException(405, method + " is not allowed on " + path);
        throw ApiException.notFound("no such endpoint: " + method + " " + path);
    }

    private byte[] readBody(HttpExchange ex) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBodyBytes) throw ApiException.tooLarge("request body exceeds " + maxBodyBytes + " bytes");
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid Content-Length");
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) throw ApiException.tooLarge("request body exceeds " + maxBodyBytes + " bytes");
            return body;
        }
    }

    private Response error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", reason(status));
        body.put("message", message);
        return Response.json(status, body);
    }

    private void write(HttpExchange ex, String method, Response response) {
        try (ex) {
            byte[] body = response.body();
            if (body == null) body = mapper.writeValueAsBytes(response.json());
            ex.getResponseHeaders().set("Content-Type", response.contentType()
                    + (response.contentType().startsWith("text/") || response.contentType().contains("json") ? "; charset=utf-8" : ""));
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            response.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            boolean noBody = response.status() == 204 || method.equals("HEAD");
            ex.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            log.debug("client went away before the response was written: {}", e.getMessage());
        }
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
