package io.vigil.models.labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Documented weak-labelling rules for clinical note risk (routine / elevated / urgent). They
 * bootstrap the note-risk model; analysts' corrections refine it later. Rules, first match wins:
 *
 * <ol>
 *   <li><b>urgent</b>: an urgent phrase that is not negated (emergency/emergent, immediate(ly),
 *       urgent(ly), STAT, sepsis/septic, shock, stroke, myocardial infarction/STEMI, pulmonary
 *       embolism, respiratory distress/failure, intubation, ICU/intensive care, suicidal ideation
 *       or plan, anaphylaxis, unresponsive, hemodynamically unstable), or a critical vital sign:
 *       SpO2 &lt; 90%, HR &ge; 130, systolic BP &lt; 90 or &ge; 180, temperature &ge; 39.5 C / 103.1 F.</li>
 *   <li><b>elevated</b>: an elevated phrase that is not negated (chest pain, dyspnea/shortness of
 *       breath, syncope, bleeding/hemorrhage, fever, worsening, progressive, malignancy/cancer/
 *       tumor/mass, weight loss, admission/admit/hospitalization, acute, infection, seizure), or an
 *       abnormal vital sign: SpO2 90-93%, HR 110-129, systolic BP 160-179, temperature &ge; 38.3 C /
 *       100.9 F.</li>
 *   <li><b>routine</b>: otherwise.</li>
 * </ol>
 * A phrase is negated when "no", "denies", "denied", "without", "negative for" or "absence of"
 * occurs earlier in the same sentence within 60 characters.
 */
public final class NoteRiskRules {

    public static final List<String> LABELS = List.of("routine", "elevated", "urgent");
    public static final int ROUTINE = 0;
    public static final int ELEVATED = 1;
    public static final int URGENT = 2;

    private static final Pattern URGENT_TERMS = Pattern.compile("\\b(emergen(cy|t)|immediate(ly)?|urgent(ly)?|stat\\b"
            + "|seps(is|tic)|shock|stroke|myocardial infarction|stemi|pulmonary embol(ism|us)"
            + "|respiratory (distress|failure)|intubat\\w*|icu\\b|intensive care|suicidal (ideation|plan)"
            + "|anaphyla\\w*|unresponsive|hemodynamically unstable)");
    private static final Pattern ELEVATED_TERMS = Pattern.compile("\\b(chest pain|dyspnea|shortness of breath|syncope"
            + "|bleeding|hemorrhage|fever|worsening|progressive|malignan\\w*|cancer|tumou?r|mass\\b|weight loss"
            + "|admission|admit(ted)?\\b|hospitali[sz]\\w*|acute|infection|seizures?)");
    private static final Pattern NEGATION = Pattern.compile("\\b(no|denies|denied|without|negative for|absence of)\\b");
    private static final Pattern SPO2 = Pattern.compile("(?:o2 sat(?:uration)?|spo2|oxygen saturation)[^0-9.]{0,20}(\\d{2,3})\\s*%");
    private static final Pattern HR = Pattern.compile("\\b(?:hr|heart rate|pulse)[^0-9.]{0,12}(\\d{2,3})");
    private static final Pattern BP = Pattern.compile("\\b(?:bp|blood pressure)[^0-9.]{0,12}(\\d{2,3})\\s*/\\s*\\d{2,3}");
    private static final Pattern TEMP = Pattern.compile("\\b(?:t|temp|temperature)[: ]{0,3}(\\d{2,3}(?:\\.\\d)?)\\s*°?\\s*([cf])");

    /** A label with the rule that fired (for audit and the model card). */
    public record Verdict(int label, String reason) {
        public String labelName() {
            return LABELS.get(label);
        }
    }

    private NoteRiskRules() {}

    public static Verdict label(String note) {
        String t = note.toLowerCase(Locale.ROOT);
        String v = vitals(t);
        String u = firstUnnegated(URGENT_TERMS, t);
        if (u != null) {
            return new Verdict(URGENT, "urgent term: " + u);
        }
        if (v != null && v.startsWith("urgent")) {
            return new Verdict(URGENT, v);
        }
        String e = firstUnnegated(ELEVATED_TERMS, t);
        if (e != null) {
            return new Verdict(ELEVATED, "elevated term: " + e);
        }
        if (v != null) {
            return new Verdict(ELEVATED, v);
        }
        return new Verdict(ROUTINE, "no risk term or abnormal vital sign");
    }

    static String firstUnnegated(Pattern p, String t) {
        Matcher m = p.matcher(t);
        while (m.find()) {
            int sentenceStart = Math.max(Math.max(t.lastIndexOf('.', m.start() - 1), t.lastIndexOf('\n', m.start() - 1)) + 1,
                    m.start() - 60);
            if (!NEGATION.matcher(t.substring(Math.max(0, sentenceStart), m.start())).find()) {
                return m.group();
            }
        }
        return null;
    }

    /** "urgent ..." / "elevated ..." for the worst vital sign found, or null. */
    static String vitals(String t) {
        List<String> urgent = new ArrayList<>();
        List<String> elevated = new ArrayList<>();
        Matcher m = SPO2.matcher(t);
        while (m.find()) {
            int s = Integer.parseInt(m.group(1));
            if (s < 90) {
                urgent.add("SpO2 " + s + "%");
            } else if (s <= 93) {
                elevated.add("SpO2 " + s + "%");
            }
        }
        m = HR.matcher(t);
        while (m.find()) {
            int h = Integer.parseInt(m.group(1));
            if (h >= 130) {
                urgent.add("HR " + h);
            } else if (h >= 110) {
                elevated.add("HR " + h);
            }
        }
        m = BP.matcher(t);
        while (m.find()) {
            int sys = Integer.parseInt(m.group(1));
            if (sys < 90 || sys >= 180) {
                urgent.add("systolic BP " + sys);
            } else if (sys >= 160) {
                elevated.add("systolic BP " + sys);
            }
        }
        m = TEMP.matcher(t);
        while (m.find()) {
            double x = Double.parseDouble(m.group(1));
            double c = m.group(2).equals("f") ? (x - 32) * 5 / 9 : x;
            if (c >= 39.5) {
                urgent.add("temperature " + m.group(1) + m.group(2));
            } else if (c >= 38.3) {
                elevated.add("temperature " + m.group(1) + m.group(2));
            }
        }
        if (!urgent.isEmpty()) {
            return "urgent vital sign: " + urgent.get(0);
        }
        return elevated.isEmpty() ? null : "elevated vital sign: " + elevated.get(0);
    }
}
