using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using MpcWallet.Testing.Processes;

namespace MpcWallet.EndToEndTests.OperatorConsole;

/// <summary>
/// Debian's chromium, headless, driven through Debian's chromedriver with Selenium (both installed by
/// scripts/prepare.d/50-chromium.sh; nothing is downloaded: Selenium Manager is told to stay offline). Screenshots go
/// to tests/MpcWallet.EndToEndTests/TestResults/console/ (or MPCWALLET_CONSOLE_SCREENSHOTS).
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    private HeadlessChromium(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("MPCWALLET_CONSOLE_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryFiles.Root(), "tests", "MpcWallet.EndToEndTests", "TestResults", "console");

    public static HeadlessChromium Start()
    {
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var chromium = Find("chromium") ?? throw new InvalidOperationException("chromium is not installed: run `bash scripts/prepare.d/50-chromium.sh`");
        var chromedriver = Find("chromedriver") ?? throw new InvalidOperationException("chromedriver is not installed: run `bash scripts/prepare.d/50-chromium.sh` (Debian's chromium-driver)");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(chromedriver)!, Path.GetFileName(chromedriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1400",
            "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync", "--disable-component-update",
            "--disable-default-apps", "--user-data-dir=" + Directory.CreateTempSubdirectory("mpcwallet-chromium-").FullName);
        return new HeadlessChromium(new ChromeDriver(service, options, TimeSpan.FromSeconds(90)));
    }

    public void Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        Driver.GetScreenshot().SaveAsFile(Path.Combine(ScreenshotDirectory, name + ".png"));
    }

    /// <summary>Polls the page until <paramref name="condition"/> holds; on timeout keeps a screenshot of what was shown.</summary>
    public async Task WaitUntilAsync(Func<IWebDriver, bool> condition, TimeSpan timeout, string what, string screenshotOnFailure)
    {
        try
        {
            await Eventually.TrueAsync(
                () =>
                {
                    try
                    {
                        return condition(Driver);
                    }
                    catch (WebDriverException)
                    {
                        return false; // an element replaced while read (the console re-renders every 2 s)
                    }
                },
                timeout,
                what);
        }
        catch
        {
            Screenshot(screenshotOnFailure);
            throw;
        }
    }

    public void Dispose() => Driver.Quit();

    private static string? Find(string program) =>
        Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
