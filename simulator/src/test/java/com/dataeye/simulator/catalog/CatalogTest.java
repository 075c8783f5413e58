package com.dataeye.simulator.catalog;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogTest {

    private final Catalog catalog = Catalog.generate(42, 90);

    @Test
    void holdsAFewHundredProductsInEveryCategory() {
        assertThat(catalog.products()).hasSizeBetween(200, 500);
        Arrays.stream(Category.values()).forEach(c -> assertThat(catalog.inCategory(c)).as(c.slug()).isNotEmpty());
        assertThat(catalog.products()).extracting(Product::id).doesNotHaveDuplicates();
    }

    @Test
    void pricesStayInTheirCategorysBandAndEndIn90Fen() {
        for (Product p : catalog.products()) {
            assertThat(p.priceCents()).as(p.id())
                    .isBetween(p.category().minPriceCents(), p.category().maxPriceCents());
            if (p.category() != Category.MEMBERSHIP && p.priceCents() != p.category().maxPriceCents()) {
                assertThat(p.priceCents() % 100).as(p.id()).isEqualTo(90);
            }
        }
    }

    @Test
    void someDesignAssetsShipTheNextMinorVersionDuringTheRun() {
        Product updated = catalog.products().stream().filter(Product::isUpdatedDuringRun).findFirst().orElseThrow();
        String[] before = updated.version().substring(1).split("\\.");
        String[] after = updated.updatedVersion().substring(1).split("\\.");

        assertThat(after[0]).isEqualTo(before[0]);
        assertThat(Integer.parseInt(after[1])).isEqualTo(Integer.parseInt(before[1]) + 1);
        assertThat(updated.versionOn(updated.updateDay() - 1)).isEqualTo(updated.version());
        assertThat(updated.versionOn(updated.updateDay())).isEqualTo(updated.updatedVersion());
        assertThat(catalog.inCategory(Category.GAME_ITEM)).allSatisfy(p -> assertThat(p.version()).isNull());
    }

    @Test
    void theSameSeedMakesTheSameCatalogue() {
        assertThat(Catalog.generate(42, 90).products()).isEqualTo(catalog.products());
        assertThat(Catalog.generate(43, 90).products()).isNotEqualTo(catalog.products());
    }
}
