package com.dataeye.server.dashboard;

import com.dataeye.server.support.Chromium;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * First meaningful paint of every dashboard page against a running server with real data (the 10M-event
 * benchmark), in headless Chromium: each page is loaded as a new document {@code runs} times; the first
 * load is cold (nothing cached by the server), the median is over the rest. Prints a table.
 *
 * <pre>java -cp … com.dataeye.server.dashboard.DashboardPaint http://localhost:8080 PASSWORD PROJECT FROM TO [runs]</pre>
 */
public final class DashboardPaint {

    private DashboardPaint() {}

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String password = args[1];
        String project = args[2];
        String range = "from=" + args[3] + "&to=" + args[4];
        int runs = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        List<String> pages = List.of(
                "overview",
                "events?event=order_paid&measure=count&" + range,
                "funnel?s1=product_view&s2=checkout_start&s3=order_paid&" + range,
                "retention?initial=signup&return=order_paid&interval=day&periods=14&" + range,
                "paths?start=product_view&" + range,
                "channels?" + range,
                "associations?" + range,
                "segments?" + range,
                "virtual-events",
                "nps?" + range,
                "live");
        ChromeDriver browser = Chromium.start("en-US", Files.createTempDirectory("paint-"), 1366, 900);
        try {
            browser.get(base + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.name("password"))).sendKeys(password, Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.top nav")));
            System.out.println("| page | cold (ms) | median of " + (runs - 1) + " warm (ms) |");
            System.out.println("|---|---:|---:|");
            for (String page : pages) {
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    browser.get("about:blank");
                    browser.get(base + "/#/" + project + "/" + page);
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-painted]")));
                    ms.add(((Number) ((JavascriptExecutor) browser).executeScript(
                            "return performance.getEntriesByName('dataeye:painted')[0].startTime;")).doubleValue());
                }
                if (page.startsWith("events")) {
                    Chromium.screenshot(browser, Path.of("target", "screenshots"), "events-10m");
                }
                List<Double> warm = new ArrayList<>(ms.subList(1, ms.size()));
                Collections.sort(warm);
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f |%n", page.replaceAll("\\?.*", ""), ms.get(0),
                        warm.isEmpty() ? Double.NaN : warm.get(warm.size() / 2));
            }
        } finally {
            browser.quit();
        }
    }
}
