package io.vigil.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.ingest.deid.Pseudonymizer;
import io.vigil.topics.events.ClinicalNote;
import io.vigil.topics.events.NewsArticle;
import io.vigil.topics.events.Sex;
import io.vigil.topics.events.Transaction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourcesTest {

    static final ObjectMapper M = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
    static final Pseudonymizer P = Pseudonymizer.ofSecret("unit-test-key-0123456789abcdefghijklmnop");

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static final String DOC_REF = """
            {"resourceType":"DocumentReference","id":"doc-1","status":"current",
             "type":{"coding":[{"system":"http://loinc.org","code":"11506-3","display":"Progress note"}]},
             "subject":{"reference":"Patient/pat-42"},"date":"2026-01-05T08:30:00+01:00",
             "context":{"encounter":[{"reference":"Encounter/enc-9"}],"practiceSetting":{"text":"Cardiology"}},
             "content":[{"attachment":{"contentType":"text/plain; charset=utf-8","data":"%s"}}]}""";

    @Test
    void fhirDocumentReference() throws Exception {
        List<ClinicalNote> notes = Inputs.notes(M.readTree(DOC_REF.formatted(b64("Patient reports chest pain."))), NOW, P);
        ClinicalNote n = notes.getFirst();
        assertThat(n.id()).isEqualTo("fhir-doc-1");
        assertThat(n.patientId()).isEqualTo("pat-42");
        assertThat(n.text()).isEqualTo("Patient reports chest pain.");
        assertThat(n.eventTime()).isEqualTo(Instant.parse("2026-01-05T07:30:00Z"));
        assertThat(n.noteType()).isEqualTo("Progress note");
        assertThat(n.specialty()).isEqualTo("Cardiology");
        assertThat(n.encounterId()).isEqualTo("Encounter/enc-9");
        assertThat(n.source()).isEqualTo("fhir");
    }

    @Test
    void fhirBundleWithPatient() throws Exception {
        String bundle = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","id":"pat-42","gender":"female","birthDate":"1950-06-01"}},
                 {"resource":%s},
                 {"resource":%s}]}""".formatted(DOC_REF.formatted(b64("First.")), DOC_REF.formatted(b64("Second.")).replace("doc-1", "doc-2"));
        List<ClinicalNote> notes = Inputs.notes(M.readTree(bundle), NOW, P);
        assertThat(notes).extracting(ClinicalNote::id).containsExactly("fhir-doc-1", "fhir-doc-2");
        assertThat(notes.getFirst().patientSex()).isEqualTo(Sex.FEMALE);
        assertThat(notes.getFirst().patientAge()).isEqualTo(75);
    }

    @Test
    void malformedFhirIsRefusedNamingTheField() throws Exception {
        assertThatThrownBy(() -> Inputs.notes(M.readTree(DOC_REF.formatted("!!!not base64")), NOW, P))
                .isInstanceOf(InputException.class).hasMessageContaining("attachment.data is not valid base64");
        assertThatThrownBy(() -> Inputs.notes(M.readTree(DOC_REF.formatted(b64("x")).replace("Patient/pat-42", "")), NOW, P))
                .hasMessageContaining("subject.reference");
        assertThatThrownBy(() -> Inputs.notes(M.readTree("{\"resourceType\":\"Observation\"}"), NOW, P))
                .hasMessageContaining("$.resourceType");
        assertThatThrownBy(() -> Inputs.notes(M.readTree("{\"resourceType\":\"Bundle\",\"entry\":[]}"), NOW, P))
                .hasMessageContaining("Bundle.entry");
        assertThatThrownBy(() -> Inputs.notes(M.readTree(DOC_REF.formatted(b64("x")).replace("text/plain", "application/pdf")), NOW, P))
                .hasMessageContaining("text/*");
    }

    @Test
    void fhirBase64AttachmentWithItsCharsetAndFallbacks() throws Exception {
        // ISO-8859-1 bytes, declared in the contentType; date-only context period; subject by identifier
        String latin1 = Base64.getEncoder().encodeToString("Café visit, no fever.".getBytes(StandardCharsets.ISO_8859_1));
        String doc = DOC_REF.formatted(latin1).replace("charset=utf-8", "charset=ISO-8859-1")
                .replace("\"date\":\"2026-01-05T08:30:00+01:00\",", "")
                .replace("\"context\":{", "\"context\":{\"period\":{\"start\":\"2026-01-03\"},")
                .replace("{\"reference\":\"Patient/pat-42\"}", "{\"identifier\":{\"value\":\"MRN-7\"}}");
        ClinicalNote n = Inputs.notes(M.readTree(doc), NOW, P).getFirst();
        assertThat(n.text()).isEqualTo("Café visit, no fever.");
        assertThat(n.eventTime()).isEqualTo(Instant.parse("2026-01-03T00:00:00Z"));
        assertThat(n.patientId()).isEqualTo("MRN-7");
        // unknown elements (another profile's) are ignored
        assertThat(Inputs.notes(M.readTree(DOC_REF.formatted(b64("x")).replace("\"status\"", "\"vendorFlag\":true,\"status\"")), NOW, P))
                .hasSize(1);
    }

    @Test
    void malformedFhirOfEveryKindIsRefusedNamingTheElementNotTheValue() throws Exception {
        String secret = "Quintessa-Marbleworth";
        // a value of the wrong JSON type, an invalid code, an unparseable instant
        assertThatThrownBy(() -> Inputs.notes(M.readTree(DOC_REF.formatted(b64("x")).replace("\"current\"", "5")), NOW, P))
                .isInstanceOf(InputException.class).hasMessageContaining("DocumentReference").hasMessageNotContaining("5\"");
        assertThatThrownBy(() -> Inputs.notes(M.readTree(DOC_REF.formatted(b64("x")).replace("\"current\"", "\"" + secret + "\"")), NOW, P))
                .isInstanceOf(InputException.class).hasMessageNotContaining(secret);
        assertThatThrownBy(() -> Inputs.notes(M.readTree(DOC_REF.formatted(b64("x")).replace("2026-01-05T08:30:00+01:00", secret)), NOW, P))
                .isInstanceOf(InputException.class).hasMessageNotContaining(secret);
        // entered-in-error, no content, a Bundle of patients only, a DocumentReference inside a Bundle with bad base64
        assertThatThrownBy(() -> Inputs.notes(M.readTree(DOC_REF.formatted(b64("x")).replace("\"current\"", "\"entered-in-error\"")), NOW, P))
                .hasMessageContaining("entered-in-error");
        assertThatThrownBy(() -> Inputs.notes(M.readTree(DOC_REF.formatted(b64("x")).replaceAll(",\\s*\"content\":\\[.*\\]\\}$", "}")), NOW, P))
                .hasMessageContaining("content is required");
        assertThatThrownBy(() -> Inputs.notes(M.readTree("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\"}}]}"), NOW, P))
                .hasMessageContaining("no DocumentReference");
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":" + DOC_REF.formatted("@@@") + "}]}";
        assertThatThrownBy(() -> Inputs.notes(M.readTree(bundle), NOW, P))
                .hasMessageContaining("Bundle.entry[0].resource.content[0].attachment.data is not valid base64");
    }

    @Test
    void plainInputsNameTheBadField() throws Exception {
        assertThatThrownBy(() -> Inputs.news(M.readTree("[{\"title\":\"ok\"},{\"body\":\"no title\"}]"), NOW))
                .hasMessage("$[1].title is required");
        assertThatThrownBy(() -> Inputs.transactions(M.readTree("{\"accountId\":\"a\",\"counterpartyId\":\"b\",\"amount\":\"x\",\"currency\":\"USD\",\"type\":\"CARD\"}"), NOW))
                .hasMessage("$.amount must be a number");
        assertThatThrownBy(() -> Inputs.transactions(M.readTree("{\"accountId\":\"a\",\"counterpartyId\":\"b\",\"amount\":1,\"currency\":\"USD\",\"type\":\"CARD\",\"balanceBefore\":true}"), NOW))
                .hasMessage("$.balanceBefore must be a number");
        assertThat(Inputs.transactions(M.readTree("{\"accountId\":\"a\",\"counterpartyId\":\"b\",\"amount\":1,\"currency\":\"USD\",\"type\":\"CARD\",\"balanceBefore\":\"12.50\"}"), NOW)
                .getFirst().balanceBefore()).isEqualByComparingTo("12.5");
        assertThat(Inputs.transactions(M.readTree("{\"accountId\":\"a\",\"counterpartyId\":\"b\",\"amount\":1,\"currency\":\"USD\",\"type\":\"CARD\"}"), NOW)
                .getFirst().balanceBefore()).isNull();
        assertThatThrownBy(() -> Inputs.notes(M.readTree("{\"patientId\":\"p\",\"text\":\"t\",\"nickname\":\"x\"}"), NOW, P))
                .hasMessage("$.nickname is not a known field");
        // ids are stable: the same article posted twice gets the same id
        JsonNode a = M.readTree("{\"title\":\"Same\",\"url\":\"https://example.org/a\"}");
        assertThat(Inputs.news(a, NOW).getFirst().id()).isEqualTo(Inputs.news(a, NOW.plusSeconds(9)).getFirst().id());
    }

    @Test
    void paysimAndSparkovRowsCarryNoLeakingColumnsAndNoNames() throws Exception {
        Path data = Path.of("../../data/fraud");
        try (Csv c = new Csv(data.resolve("paysim_steps001-090.csv"))) {
            Transaction t = TransactionRows.paysim(c.next(), "paysim.csv", c.row(), Duration.ZERO);
            assertThat(t.id()).isEqualTo("paysim.csv:1");
            assertThat(t.eventTime()).isEqualTo(Instant.ofEpochSecond(3600));
            assertThat(t.type()).isEqualTo("TRANSFER");
            assertThat(t.fraudLabel()).isTrue();
            // the balance before (oldbalanceOrg, known at authorisation) is carried; no after-the-fact balance is
            assertThat(t.balanceBefore()).isEqualByComparingTo("20128.0");
            var tree = io.vigil.topics.Topics.TRANSACTIONS_RAW.jsonValueSerde().toTree(t);
            assertThat(tree.toString()).doesNotContainIgnoringCase("newbalance");
            java.util.List<String> names = new java.util.ArrayList<>();
            tree.fieldNames().forEachRemaining(names::add);
            assertThat(names).filteredOn(n -> n.toLowerCase(java.util.Locale.ROOT).contains("balance")).containsExactly("balanceBefore");
        }
        try (Csv c = new Csv(data.resolve("sparkov_fraudTest_head5116.csv"))) {
            Map<String, String> row = c.next();
            Transaction t = TransactionRows.sparkov(row, "sparkov.csv", c.row(), Duration.ofDays(1));
            assertThat(t.groups()).containsOnlyKeys("gender", "ageBand", "state", "citySize")
                    .containsEntry("gender", "male").containsEntry("state", "SC").containsEntry("citySize", "city");
            String json = io.vigil.topics.Topics.TRANSACTIONS_RAW.jsonValueSerde().toTree(t).toString();
            assertThat(json).doesNotContain(row.get("first")).doesNotContain(row.get("last")).doesNotContain(row.get("street"))
                    .doesNotContain(row.get("dob"));
            assertThat(t.eventTime()).isEqualTo(Instant.parse("2020-06-22T12:14:25Z"));
        }
    }

    @Test
    void datasetNotesGetStableGeneratedMetadata() {
        ClinicalNote n = DatasetReplay.note("17", "A 65-year-old male presents with dyspnea.", "Cardiology", NOW);
        assertThat(n.patientId()).startsWith("MRN");
        assertThat(n.patientAge()).isEqualTo(65);
        assertThat(n.patientSex()).isEqualTo(Sex.MALE);
        assertThat(DatasetReplay.note("17", "x", null, NOW).patientId()).isEqualTo(n.patientId());
    }

    @Test
    void rssAndAtomParseAndDoctypesAreRefused() {
        String rss = """
                <?xml version="1.0"?><rss version="2.0"><channel><title>t</title><language>en-us</language>
                <item><title>Apple &amp; Nvidia rally</title><link>https://n.example/1</link><guid>g-1</guid>
                <pubDate>Tue, 06 Jan 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;Chips up&lt;/p&gt;</description></item>
                </channel></rss>""";
        NewsArticle a = FeedParser.parse(rss.getBytes(StandardCharsets.UTF_8), "rss:n.example", NOW).getFirst();
        assertThat(a.title()).isEqualTo("Apple & Nvidia rally");
        assertThat(a.body()).isEqualTo("Chips up");
        assertThat(a.eventTime()).isEqualTo(Instant.parse("2026-01-06T10:00:00Z"));
        assertThat(a.id()).isEqualTo(Ids.hashed("rss", "g-1"));
        String atom = """
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>f</title>
                <entry><title>Tesla recalls</title><id>urn:x:1</id><link href="https://a.example/1"/><updated>2026-01-07T00:00:00Z</updated>
                <summary>Details</summary></entry></feed>""";
        NewsArticle b = FeedParser.parse(atom.getBytes(StandardCharsets.UTF_8), "rss:a.example", NOW).getFirst();
        assertThat(b.url()).isEqualTo("https://a.example/1");
        assertThat(b.language()).isEqualTo("en");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><channel><item><title>&x;</title></item></channel></rss>";
        assertThatThrownBy(() -> FeedParser.parse(xxe.getBytes(StandardCharsets.UTF_8), "rss:x", NOW)).isInstanceOf(InputException.class);
    }
}
