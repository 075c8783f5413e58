package com.dataeye.simulator.catalog;

import com.dataeye.simulator.random.Seeds;
import com.dataeye.simulator.random.Weighted;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The shop's few hundred products, generated from the run's seed: names from each category's themes,
 * prices in the category's band ending in .90 (the way Chinese shops price), a long-tailed popularity,
 * and for a quarter of the versioned products a new version during the run.
 */
public final class Catalog {

    /** Subject key of the catalogue's random stream, apart from every person's. */
    private static final long CATALOG_STREAM = -1L;
    private static final double UPDATED_SHARE = 0.25;
    private static final double FLASH_SALE_SHARE = 0.12;

    private final List<Product> products;
    private final Map<Category, List<Product>> byCategory = new EnumMap<>(Category.class);
    private final Map<Category, Weighted<Product>> popular = new EnumMap<>(Category.class);

    private Catalog(List<Product> products) {
        this.products = List.copyOf(products);
        for (Product p : products) {
            byCategory.computeIfAbsent(p.category(), c -> new ArrayList<>()).add(p);
        }
        byCategory.forEach((category, list) -> popular.put(category,
                new Weighted<>(list, list.stream().mapToDouble(Product::popularity).toArray())));
    }

    public static Catalog generate(long seed, int days) {
        SplittableRandom random = Seeds.stream(seed, CATALOG_STREAM);
        List<Product> products = new ArrayList<>();
        for (Category category : Category.values()) {
            for (int n = 0; n < category.products(); n++) {
                products.add(product(category, n, random, days));
            }
        }
        return new Catalog(products);
    }

    private static Product product(Category category, int n, SplittableRandom random, int days) {
        String id = category.idPrefix() + "-" + String.format("%04d", n + 1);
        List<String> themes = category.themes();
        String theme = themes.get(n % themes.size());
        // several products share a theme: the second and later ones get a series number
        int series = n / themes.size();
        String name = category == Category.MEMBERSHIP
                ? "链动小铺" + theme
                : theme + category.chineseName() + (series == 0 ? "" : " " + (char) ('A' + series));
        int price = category == Category.MEMBERSHIP ? membershipPrice(n) : listPrice(category, random);
        String version = null;
        String updatedVersion = null;
        int updateDay = -1;
        if (category.versioned()) {
            int major = 1 + random.nextInt(3);
            int minor = random.nextInt(9);
            version = "V" + major + "." + minor;
            if (days > 2 && random.nextDouble() < UPDATED_SHARE) {
                updateDay = 1 + random.nextInt(days - 1);
                updatedVersion = "V" + major + "." + (minor + 1);
            }
        }
        // Zipf-like: the first products of a category sell far more than the tail
        double popularity = 1.0 / Math.pow(n + 1, 0.8);
        boolean flash = random.nextDouble() < FLASH_SALE_SHARE;
        return new Product(id, name, category, price, version, updateDay, updatedVersion, popularity, flash);
    }

    private static int listPrice(Category category, SplittableRandom random) {
        int yuanMin = category.minPriceCents() / 100;
        int yuanMax = category.maxPriceCents() / 100;
        int yuan = yuanMin + random.nextInt(yuanMax - yuanMin + 1);
        return yuan * 100 + 90 > category.maxPriceCents() ? category.maxPriceCents() : yuan * 100 + 90;
    }

    private static int membershipPrice(int n) {
        return switch (n % 4) {
            case 0 -> 2_900;
            case 1 -> 7_900;
            case 2 -> 29_900;
            default -> 69_900;
        };
    }

    public List<Product> products() {
        return products;
    }

    public List<Product> inCategory(Category category) {
        return Collections.unmodifiableList(byCategory.getOrDefault(category, List.of()));
    }

    /** A product of the category, the popular ones more often. */
    public Product pick(Category category, SplittableRandom random) {
        return popular.get(category).sample(random);
    }

    /** The cheapest product of the category, for a buyer whose budget is nearly spent; may be null. */
    public Product cheapest(Category category) {
        Product cheapest = null;
        for (Product p : inCategory(category)) {
            if (cheapest == null || p.priceCents() < cheapest.priceCents()) {
                cheapest = p;
            }
        }
        return cheapest;
    }
}
