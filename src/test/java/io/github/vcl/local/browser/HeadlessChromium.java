package io.github.vcl.local.browser;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A real browser for tests: Debian's {@code /usr/bin/chromium} driven through Debian's {@code /usr/bin/chromedriver}
 * (install both with {@code apt-get install -y chromium chromium-driver}; {@code .ci/run} does it when missing).
 * Selenium Manager never runs and nothing is downloaded: the driver executable is set on the service (and in
 * {@code webdriver.chrome.driver}), the browser binary on the options, so Selenium has nothing left to look up.
 * Each instance has its own throw-away profile directory; {@link #close()} quits the browser, stops the driver and
 * deletes the profile.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final String SKIPPED = "no " + CHROMIUM + " or " + CHROMEDRIVER
            + " (apt-get install -y chromium chromium-driver): browser tests skipped";

    /** A phone-sized viewport: the return page opens on the customer's phone after the Vipps MobilePay app. */
    public static final int WIDTH = 412;
    public static final int HEIGHT = 915;

    static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage");

    /** Held so the level sticks: without the optional selenium-devtools modules Selenium warns on every start. */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private boolean closed;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Skips the calling test (class) with {@link #SKIPPED}, printed too so it shows in the build log. */
    public static void assumeAvailable() {
        if (!available()) {
            System.err.println("[WARNING] " + SKIPPED);
        }
        Assumptions.assumeTrue(available(), SKIPPED);
    }

    public static HeadlessChromium start() {
        return start(true);
    }

    /** @param javascript false to browse as a reader with JavaScript switched off */
    public static HeadlessChromium start(boolean javascript) {
        if (!available()) {
            throw new IllegalStateException(SKIPPED);
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        // Selenium's OpenTelemetry tracing is not needed here, and the Quarkus BOM manages OpenTelemetry versions.
        System.setProperty("webdriver.remote.enableTracing", "false");
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        Path profile;
        try {
            profile = Files.createTempDirectory("vcl-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT);
        // Headless windows are at least 500 px wide; emulate the phone's viewport instead.
        options.setExperimentalOption("mobileEmulation",
                Map.of("deviceMetrics", Map.of("width", WIDTH, "height", HEIGHT, "pixelRatio", 1.0)));
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(driverLog())
                .build();
        try {
            HeadlessChromium browser = new HeadlessChromium(service, new ChromeDriver(service, options), profile);
            Runtime.getRuntime().addShutdownHook(new Thread(browser::close, "chromium-stop"));
            return browser;
        } catch (RuntimeException e) {
            service.stop();
            deleteRecursively(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Quits the browser and the driver and removes the profile; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteRecursively(profile);
        }
    }

    private static OutputStream driverLog() {
        String basedir = System.getProperty("project.basedir");
        if (basedir == null) {
            return OutputStream.nullOutputStream();
        }
        try {
            Path target = Files.createDirectories(Path.of(basedir, "target"));
            return Files.newOutputStream(target.resolve("chromedriver.log"));
        } catch (IOException e) {
            return OutputStream.nullOutputStream();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A leftover profile in the temp directory is harmless.
        }
    }
}
