package com.dataeye.server.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Debian's headless Chromium driven by its chromedriver: never a downloaded browser. A missing
 * browser fails the test with the command that installs it (.ci/run runs it).
 */
public final class Chromium {

    public static final Path BROWSER = Path.of(System.getProperty("dataeye.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("dataeye.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {}

    /** A fresh browser profile whose preferred language is {@code language} (e.g. en-US, zh-CN). */
    public static ChromeDriver start(String language, Path downloads, int width, int height) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's Chromium and its driver at " + BROWSER + " and "
                    + DRIVER + ": apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language,
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // the page's console, for JS errors
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        return driver;
    }

    /** Saves what the browser shows as a PNG (test artifact, target/screenshots). */
    public static Path screenshot(ChromeDriver driver, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            File png = driver.getScreenshotAs(OutputType.FILE);
            return Files.copy(png.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The whole page, not only the window (Chromium's capture beyond the viewport). */
    public static Path fullPage(ChromeDriver driver, Path dir, String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) driver.executeScript("window.scrollTo(0, 0); const e = document.documentElement;"
                + " return {width: e.clientWidth, height: Math.min(e.scrollHeight, 10000)};");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1)));
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name + ".png"), java.util.Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
