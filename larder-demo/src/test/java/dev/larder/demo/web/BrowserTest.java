package dev.larder.demo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard and a model page in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, given by path so that Selenium never downloads a browser): the
 * chart must have drawn its lines, read back from the canvas pixels. Screenshots are kept in
 * {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String INSTALL = "install them with `sudo scripts/install-deps`"
            + " (or `sudo apt-get install chromium chromium-driver`)";

    /** Counts, over the chart's plot area, the pixels painted in the colour of a series that has data. */
    private static final String CHART_PIXELS = """
            const d = window.larderDashboard, u = d.chart, b = u.bbox;
            const img = u.ctx.getImageData(b.left, b.top, b.width, b.height).data;
            const drawn = [];
            for (let s = 1; s < u.series.length; s++) {
              if (u.data[s].filter(v => v != null).length > 1) drawn.push(s);
            }
            const rgb = drawn.map(s => { const h = d.colors[(s - 1) % d.colors.length];
              return [1, 3, 5].map(i => parseInt(h.substr(i, 2), 16)); });
            let painted = 0;
            for (let i = 0; i < img.length; i += 4) {
              if (img[i + 3] < 128) continue;
              if (rgb.some(c => Math.abs(c[0] - img[i]) + Math.abs(c[1] - img[i + 1]) + Math.abs(c[2] - img[i + 2]) < 60)) painted++;
            }
            return { painted: painted, series: drawn.length, points: d.points, area: b.width * b.height };
            """;

    static ChromeDriver browser;
    static Path profile;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startChromium() throws IOException {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing: the browser tests need Chromium and ChromeDriver; " + INSTALL);
            }
        }
        profile = Files.createTempDirectory("larder-demo-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1700", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void dashboard_drawsTheHitRateChart() throws IOException {
        DemoClient client = new DemoClient(port);
        List.of("/children", "/children/1", "/children/2", "/about", "/report", "/me").forEach(client::get);

        browser.get(base() + "/dashboard");
        // Traffic between the page's polls, so each series has a hit rate at several points.
        new WebDriverWait(browser, Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(250)).until(b -> {
            client.get("/children/1");
            client.get("/about");
            Object points = ((JavascriptExecutor) b).executeScript(
                    "return window.larderDashboard ? window.larderDashboard.points : 0");
            return ((Number) points).intValue() >= 4;
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(CHART_PIXELS);
        screenshot("dashboard");

        assertThat(((Number) chart.get("series")).intValue()).as("series with more than one point: " + chart).isPositive();
        assertThat(((Number) chart.get("painted")).longValue()).as("pixels of the series' lines: " + chart)
                .isGreaterThan(100);
        assertThat(browser.findElement(By.cssSelector("#caches tbody")).getText()).contains("default", "pages");
        assertThat(browser.findElement(By.cssSelector("#pages tbody")).getText()).contains("site", "view:60s");
        assertNoConsoleErrors();
    }

    @Test
    void clearButton_emptiesTheCache_andTheTableShowsIt() {
        DemoClient client = new DemoClient(port);
        client.get("/children");
        browser.get(base() + "/dashboard");
        // The tables are rebuilt every second: read and click within one lookup, and look again when one went stale.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);
        By entries = By.xpath("//table[@id='caches']//tr[td[1]='template_fragments']/td[contains(@class,'entries')]");
        wait.until(b -> Long.parseLong(b.findElement(entries).getText()) > 0);

        wait.until(b -> {
            b.findElement(By.cssSelector("button.clear[data-alias='template_fragments']")).click();
            return true;
        });
        wait.until(b -> b.findElement(entries).getText().equals("0"));
        assertNoConsoleErrors();
    }

    @Test
    void childPage_showsItsCostInTheFooter() throws IOException {
        browser.get(base() + "/children/1");
        screenshot("child-1");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        assertThat(browser.findElement(By.cssSelector(".server-timing")).getText()).matches(
                "(?s)handled in [0-9.]+ ms at .*model cache: \\d+ hits?, \\d+ miss(es)?; fragments: .*");
        assertThat(browser.findElement(By.cssSelector(".client-timing")).getText()).startsWith("this response: ");

        // Stored by another visitor: this browser has no copy of its own, so the page cache answers.
        String about = "/about?t=" + java.util.UUID.randomUUID();
        assertThat(new DemoClient(port).get(about).cacheStatus()).isEqualTo("MISS");
        browser.get(base() + about);
        assertThat(browser.findElement(By.cssSelector(".client-timing")).getText())
                .as("the page cache's Server-Timing, read by the page's script").contains("page cache HIT");
        assertNoConsoleErrors();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static void screenshot(String name) throws IOException {
        Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void assertNoConsoleErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
        assertThat(errors).as("console errors").isEmpty();
    }
}
