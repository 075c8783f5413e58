package com.dataeye.simulator.catalog;

/**
 * One virtual good.
 *
 * @param id             stable id, e.g. {@code lut-0007}, used as {@code product_id} and {@code item_id}
 * @param name           Chinese display name, also the product page's title
 * @param priceCents     list price in CNY cents (fen)
 * @param version        version at the start of the simulation, e.g. {@code V2.4}; null when unversioned
 * @param updateDay      day index on which a new version ships, or -1 when it does not during the run
 * @param updatedVersion the version shipped on {@code updateDay}, e.g. {@code V2.5}
 * @param popularity     relative weight among the category's products (a long tail)
 * @param flashSale      whether the product is discounted on the flash-sale day
 */
public record Product(
        String id,
        String name,
        Category category,
        int priceCents,
        String version,
        int updateDay,
        String updatedVersion,
        double popularity,
        boolean flashSale) {

    /** The version visible on {@code day}. */
    public String versionOn(int day) {
        return updateDay >= 0 && day >= updateDay ? updatedVersion : version;
    }

    public boolean isUpdatedDuringRun() {
        return updateDay >= 0;
    }
}
