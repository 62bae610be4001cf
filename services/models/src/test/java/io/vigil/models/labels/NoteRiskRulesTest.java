package io.vigil.models.labels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoteRiskRulesTest {

    @Test
    void urgentTermsAndCriticalVitals() {
        assertThat(NoteRiskRules.label("Patient sent to the emergency department.").labelName()).isEqualTo("urgent");
        assertThat(NoteRiskRules.label("Vitals: BP 120/80, HR 88, O2 saturation 86% on room air.").reason())
                .isEqualTo("urgent vital sign: SpO2 86%");
        assertThat(NoteRiskRules.label("T 103.5°F, otherwise well.").labelName()).isEqualTo("urgent");
    }

    @Test
    void negationIsRespected() {
        assertThat(NoteRiskRules.label("He denies chest pain. No fever.").labelName()).isEqualTo("routine");
        assertThat(NoteRiskRules.label("Denies suicidal ideation. Reports worsening knee pain.").labelName())
                .isEqualTo("elevated");
    }

    @Test
    void elevatedAndRoutine() {
        assertThat(NoteRiskRules.label("Progressive dyspnea over two weeks.").labelName()).isEqualTo("elevated");
        assertThat(NoteRiskRules.label("BP 165/90, HR 80.").reason()).isEqualTo("elevated vital sign: systolic BP 165");
        assertThat(NoteRiskRules.label("Annual check, feels well. BP 118/76, HR 70, O2 saturation 98%.").labelName())
                .isEqualTo("routine");
        assertThat(NoteRiskRules.label("Patient admits to occasional alcohol use.").labelName()).isEqualTo("routine");
    }

    @Test
    void scrubberReplacesIdentifiers() {
        assertThat(NoteScrubber.scrub("Seen by Dr. Alice Smith on 03/14/2024, MRN 12345678, call 555-123-4567."))
                .isEqualTo("Seen by [PERSON] on [DATE], MRN [ID], call [PHONE].");
    }
}
