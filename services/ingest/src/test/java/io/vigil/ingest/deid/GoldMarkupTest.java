package io.vigil.ingest.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoldMarkupTest {

    @Test
    void offsetsAreInThePlainText() {
        GoldMarkup.Parsed p = GoldMarkup.parse("Seen by Dr. <NAME>Alice Romero</NAME> on <DATE>03/04/2021</DATE> (K < 5).");
        assertThat(p.text()).isEqualTo("Seen by Dr. Alice Romero on 03/04/2021 (K < 5).");
        assertThat(p.spans()).hasSize(2);
        var name = p.spans().get(0);
        assertThat(p.text().substring(name.start(), name.end())).isEqualTo("Alice Romero");
        assertThat(name.label()).isEqualTo("NAME");
        var date = p.spans().get(1);
        assertThat(p.text().substring(date.start(), date.end())).isEqualTo("03/04/2021");
    }

    @Test
    void rejectsBrokenMarkup() {
        assertThatThrownBy(() -> GoldMarkup.parse("<NAME>a<DATE>b</DATE></NAME>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoldMarkup.parse("<NAME>a</DATE>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoldMarkup.parse("<NAME>a")).isInstanceOf(IllegalArgumentException.class);
    }
}
