package io.vigil.alerts;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.alerts.notify.AlertNotifier;
import io.vigil.alerts.notify.TestWebhook;
import io.vigil.alerts.notify.WebhookSettings;
import io.vigil.platform.config.KafkaSettings;
import io.vigil.platform.config.Secret;
import io.vigil.platform.config.VigilConfig;
import io.vigil.platform.health.Health;
import io.vigil.platform.kafka.EmbeddedKafka;
import io.vigil.platform.kafka.KafkaClients;
import io.vigil.platform.kafka.TopicBootstrap;
import io.vigil.platform.service.ServiceContext;
import io.vigil.topics.Topic;
import io.vigil.topics.TopicCatalog;
import io.vigil.topics.Topics;
import io.vigil.topics.events.Alert;
import io.vigil.topics.events.AlertStatus;
import io.vigil.topics.events.DeadLetter;
import io.vigil.topics.events.Domain;
import io.vigil.topics.events.Severity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.vigil.alerts.Events.min;
import static io.vigil.alerts.Events.txn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service and the notifier against a real embedded broker with the catalog's topics. */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AlertsPipelineIT {

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static KafkaClients clients;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.builder(dir.resolve("kafka")).build().start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicBootstrap(admin).apply(TopicCatalog.standard().all());
        }
        clients = new KafkaClients(VigilConfig.defaults().bind("kafka", KafkaSettings.class)
                .withBootstrapServers(kafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) kafka.stop();
    }

    @Test
    void scoredTransactionsBecomeAlertsOnTheTopicThePrinterAndTheWebhook() throws Exception {
        try (var hook = new TestWebhook(List.of(), 200, k -> k.contains("|ACC-IT|"))) {
            VigilConfig config = VigilConfig.load(null, Map.of(), Map.of(
                    "kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "alerts.webhook.urls", hook.url().toString(),
                    "alerts.webhook.initial-backoff-ms", "10"));
            Health health = new Health();
            ServiceContext ctx = new ServiceContext(config, clients, dir.resolve("data"), health, new SimpleMeterRegistry(), null);
            List<String> printed = new CopyOnWriteArrayList<>();
            try (AlertsService service = new AlertsService(ctx, a -> printed.add(AlertPrinter.format(a)))) {
                service.start();
                try (KafkaProducer<String, io.vigil.topics.events.ScoredTransaction> producer = producer(Topics.TRANSACTIONS_SCORED)) {
                    for (int i = 0; i < 3; i++) {
                        var t = txn("it-" + i, "ACC-IT", min(i), 0.95);
                        producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_SCORED.name(), "ACC-IT", t)).get(30, TimeUnit.SECONDS);
                    }
                }
                // bundled rules: high-risk fires on it-0 and escalates on it-2 (factor 3); risk-velocity fires on it-2
                List<Alert> alerts = readUntil(Topics.ALERTS, "it-check", a -> a.key().equals("ACC-IT"), 3);
                assertThat(alerts).extracting(Alert::id).containsExactlyInAnyOrder(
                        "high-risk|ACC-IT|" + min(0).toEpochMilli(),
                        "high-risk|ACC-IT|" + min(0).toEpochMilli() + "|escalated",
                        "risk-velocity|ACC-IT|" + min(-8).toEpochMilli());
                Alert velocity = alerts.stream().filter(a -> a.rule().equals("risk-velocity")).findFirst().orElseThrow();
                assertThat(velocity.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(velocity.status()).isEqualTo(AlertStatus.NEW);
                assertThat(velocity.domain()).isEqualTo(Domain.TRANSACTIONS);
                assertThat(velocity.count()).isEqualTo(3);
                assertThat(velocity.eventIds()).containsExactlyInAnyOrder("it-0", "it-1", "it-2");

                await().atMost(Duration.ofSeconds(60)).until(() -> hook.delivered() == 3 && printed.size() >= 3);
                assertThat(printed).contains("ALERT [critical] risk-velocity acct ACC-IT: 3 high-risk transactions in 10 min");
                assertThat(health.check().state()).isEqualTo(Health.State.UP);
            }
            assertThat(health.check().checks()).doesNotContainKey("alerts-streams");
        }
    }

    @Test
    void notifierRetriesThenDeliversOnceAndCommits() throws Exception {
        Alert alert = alert("notify-ok");
        try (var hook = new TestWebhook(List.of(500, 500, 500, TestWebhook.HANG), 200, k -> k.equals(alert.id()))) {
            AlertMeters meters = AlertMeters.detached();
            RecordMetadata at = produceAlert(alert);
            try (AlertNotifier notifier = notifier(hook.url().toString(), 6, "g-ok", meters)) {
                notifier.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> hook.delivered() == 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> committed("g-ok", at.partition()) > at.offset());
                Thread.sleep(500); // nothing more may arrive for this alert
            }
            assertThat(hook.answered()).containsExactly(500, 500, 500, TestWebhook.HANG, 200);
            assertThat(hook.delivered()).isEqualTo(1);
            assertThat(meters.count("vigil.alerts.notifier.retries")).isEqualTo(4);
            assertThat(meters.count("vigil.alerts.notifier.dead.letters")).isZero();
            assertThat(deadLetters().stream().map(DeadLetter::id)).doesNotContain(alert.id());
        }
    }

    @Test
    void notifierDeadLettersAfterMaxAttemptsWithTheReason() throws Exception {
        Alert alert = alert("notify-dlq");
        try (var hook = new TestWebhook(List.of(), 500, k -> k.equals(alert.id()))) {
            AlertMeters meters = AlertMeters.detached();
            RecordMetadata at = produceAlert(alert);
            try (AlertNotifier notifier = notifier(hook.url().toString(), 3, "g-dlq", meters)) {
                notifier.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters().stream().anyMatch(d -> d.id().equals(alert.id())));
                await().atMost(Duration.ofSeconds(30)).until(() -> committed("g-dlq", at.partition()) > at.offset());
            }
            DeadLetter dl = deadLetters().stream().filter(d -> d.id().equals(alert.id())).findFirst().orElseThrow();
            assertThat(dl.sourceTopic()).isEqualTo(Topics.ALERTS.name());
            assertThat(dl.errorType()).isEqualTo("webhook-http-500");
            assertThat(dl.reason()).contains("HTTP 500 from " + hook.url()).contains("after 3 attempts");
            Alert original = Topics.ALERTS.jsonValueSerde().decode(Base64.getDecoder().decode(dl.originalBase64()));
            assertThat(original).isEqualTo(alert);
            assertThat(hook.answered()).containsExactly(500, 500, 500);
            assertThat(meters.count("vigil.alerts.notifier.dead.letters", "error", "webhook-http-500")).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------------------------------------

    static Alert alert(String name) {
        Instant t = Instant.parse("2026-11-22T13:00:00Z");
        return new Alert("high-risk|" + name + "|1", t, "alerts", 1, "high-risk", Domain.TRANSACTIONS, name,
                Severity.WARNING, AlertStatus.NEW, "high-risk transaction", null, t, t, 1, 0.95, 0.9, List.of("txn-" + name), "v7");
    }

    static AlertNotifier notifier(String url, int attempts, String group, AlertMeters meters) {
        WebhookSettings s = new WebhookSettings(List.of(url), List.of(), Secret.empty(), 1000, attempts, 10, 40, 2.0, 0.5, group);
        return new AlertNotifier(clients.consumer("notifier-" + group, group), clients.producer("dlq-" + group), s, List.of(), meters);
    }

    static <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
        return new KafkaProducer<>(clients.producer("it-producer"), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    static RecordMetadata produceAlert(Alert a) throws Exception {
        try (KafkaProducer<String, Alert> p = producer(Topics.ALERTS)) {
            return p.send(new ProducerRecord<>(Topics.ALERTS.name(), AlertIds.recordKey(a.rule(), a.key()), a)).get(30, TimeUnit.SECONDS);
        }
    }

    static <V> List<V> readUntil(Topic<String, V> topic, String group, Predicate<V> filter, int n) {
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(clients.consumer(group, group),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            c.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (out.size() < n && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (filter.test(r.value())) out.add(r.value());
                });
            }
            // a little longer: more than n would be a duplicate
            c.poll(Duration.ofSeconds(2)).forEach(r -> {
                if (filter.test(r.value())) out.add(r.value());
            });
        }
        return out;
    }

    /** Everything on the dead-letter topic now (reads to the end offsets, bounded in time). */
    static List<DeadLetter> deadLetters() {
        List<DeadLetter> out = new ArrayList<>();
        Topic<String, DeadLetter> t = Topics.ALERTS_DLQ;
        try (KafkaConsumer<String, DeadLetter> c = new KafkaConsumer<>(clients.consumer("dlq-reader", "dlq-reader"),
                t.keySerde().deserializer(), t.valueSerde().deserializer())) {
            List<TopicPartition> parts = c.partitionsFor(t.name()).stream()
                    .map(p -> new TopicPartition(t.name(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
            }
        }
        return out;
    }

    static long committed(String group, int partition) throws Exception {
        try (Admin admin = clients.admin("it-admin")) {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(Topics.ALERTS.name(), partition));
            return o == null ? -1 : o.offset();
        }
    }
}
