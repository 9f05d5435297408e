using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Actors.Api.Tests.Admin.Browser;

/// <summary>
/// Debian's Chromium, headless, driven through its chromedriver, with a fresh profile and JavaScript turned off (the
/// admin pages must work without it; <see cref="ScriptingChromeBrowser"/> turns it on for pages that need it). One per test class; <see cref="Reset"/> forgets cookies between tests. When
/// Chromium or its driver is missing it throws, so every test using it fails and says how to get them: test.sh installs
/// both.
/// </summary>
public class ChromeBrowser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromedriverPath = "/usr/bin/chromedriver";

    private readonly DirectoryInfo _profile;

    public ChromeBrowser()
        : this(javaScript: false)
    {
    }

    protected ChromeBrowser(bool javaScript)
    {
        foreach (var path in new[] { ChromiumPath, ChromedriverPath })
        {
            if (!File.Exists(path))
                throw new InvalidOperationException(
                    $"{path} is missing: the browser tests drive Debian's chromium and chromium-driver. Run ./test.sh, " +
                    "which installs them when missing, or install them with: apt-get install -y chromium chromium-driver");
        }

        _profile = Directory.CreateTempSubdirectory("actors-chromium-");
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage", $"--user-data-dir={_profile.FullName}");
        if (!javaScript)
            options.AddUserProfilePreference("profile.managed_default_content_settings.javascript", 2);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromedriverPath)!, Path.GetFileName(ChromedriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        try
        {
            Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
            Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
            Driver.Manage().Timeouts().ImplicitWait = TimeSpan.FromSeconds(10); // elements of a page still loading
        }
        catch
        {
            service.Dispose();
            _profile.Delete(recursive: true);
            throw;
        }
    }

    public IWebDriver Driver { get; }

    /// <summary>Waits (at most 60 s) until the page shown is at <paramref name="pathAndQuery"/>: a click that submits a
    /// form returns before the browser has loaded the answer.</summary>
    public async Task WaitForPageAsync(string pathAndQuery)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (new Uri(Driver.Url).PathAndQuery != pathAndQuery)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The browser stayed at {Driver.Url} instead of going to {pathAndQuery}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Forgets the cookies of <paramref name="origin"/> (the driver can only clear those of the page it shows).</summary>
    public void Reset(Uri origin)
    {
        Driver.Navigate().GoToUrl(new Uri(origin, "/admin/sign-in"));
        Driver.Manage().Cookies.DeleteAllCookies();
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        Driver.Quit();
        Driver.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; the temporary folder is left behind then.
        }
    }
}

/// <summary>The same browser with JavaScript on, for the grain dashboard (a script page).</summary>
public sealed class ScriptingChromeBrowser() : ChromeBrowser(javaScript: true);
