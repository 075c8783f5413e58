package com.dataeye.server.plan;

import com.dataeye.core.plan.PlanFileException;
import com.dataeye.core.plan.PlanReader;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanFilesTest {

    @Test
    void theShippedPlanIsAValidPlanFile() throws IOException {
        var plan = new PlanReader().plan(PlanFiles.parse(
                PlanFilesTest.class.getResourceAsStream("/plans/virtual-goods-ecommerce.yaml").readAllBytes(), PlanFiles.Format.YAML));
        assertThat(plan.events()).hasSize(18);
        assertThat(plan.event("order_paid")).isPresent();
    }

    @Test
    void refusesAYamlAliasBombWithoutExpandingIt() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            yaml.append("]\n");
            prev = c;
        }
        byte[] body = yaml.toString().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PlanReader().plan(PlanFiles.parse(body, PlanFiles.Format.YAML)))
                .isInstanceOf(PlanFileException.class);
    }

    @Test
    void stopsReadingPastTheSizeLimit() {
        byte[] huge = new byte[PlanFiles.MAX_BYTES + 1];
        assertThatThrownBy(() -> PlanFiles.readLimited(new ByteArrayInputStream(huge)))
                .isInstanceOfSatisfying(PlanFileException.class, e -> assertThat(e.code()).isEqualTo("plan_too_large"));
    }

    @Test
    void reportsWhereTheFileIsBroken() {
        assertThatThrownBy(() -> PlanFiles.parse("{\n  \"events\": [,]\n}".getBytes(StandardCharsets.UTF_8), PlanFiles.Format.JSON))
                .hasMessageContaining("line 2");
    }
}
