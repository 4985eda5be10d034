package org.portcullis.filter.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (Selenium downloads nothing), for the
 * {@code @Tag("browser")} tests. Without the two programs a test is skipped with a message saying how to
 * install them, or fails when {@code CI} is set, so that CI never passes by skipping.
 *
 * <pre>{@code
 * try (Browser browser = Browser.start()) {
 *     browser.open(base + "/auth/signin");
 *     browser.type("#signin-email", "ada@example.org");
 *     browser.screenshot("signin");
 *     browser.assertNoPolicyViolation();
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** A new headless browser; skips (or fails under CI) when Chromium or chromedriver is missing. */
    public static Browser start() {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            String missing = "the browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver";
            if (System.getenv("CI") != null) {
                fail(missing);
            }
            Assumptions.abort(missing);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1000,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        try {
            return new Browser(service, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Forgets every cookie of the site open now: a new visitor. */
    public void forgetCookies() {
        driver.manage().deleteAllCookies();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    public void click(String css) {
        find(css).click();
    }

    public String currentPath() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Waits (up to 10 s) until the element's text contains {@code text}, and returns its whole text. */
    public String awaitText(String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return find(css).getText();
    }

    /** Waits (up to 10 s) until the page's path is {@code path}. */
    public void awaitPath(String path) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> path.equals(currentPath()));
    }

    /** Runs {@code script} in the page; the driver's evaluation is not subject to the page's policy. */
    public Object run(String script) {
        return driver.executeScript(script);
    }

    /** Saves the page as {@code target/screenshots/<name>.png}, a test artefact. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser's console since the last call: where Chromium reports a blocked inline script or style. */
    public List<String> consoleSinceLastCall() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** Fails when the console holds a Content-Security-Policy violation since the last call. */
    public void assertNoPolicyViolation() {
        List<String> violations = consoleSinceLastCall().stream()
                .filter(line -> line.contains("Content Security Policy") || line.contains("Content-Security-Policy"))
                .toList();
        if (!violations.isEmpty()) {
            fail("the page broke its own policy: " + violations);
        }
    }

    /** The page's cookies by name. */
    public Map<String, String> cookies() {
        return driver.manage().getCookies().stream()
                .collect(java.util.stream.Collectors.toMap(c -> c.getName(), c -> c.getValue()));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
