using OpenQA.Selenium;

namespace Actors.Api.Tests.Admin.Browser;

/// <summary>The API as a real process and a real browser with JavaScript: a signed-in administrator opens the grain
/// dashboard, whose page fetches the cluster's data with the session cookie and counts the silo.</summary>
public sealed class GrainDashboardBrowserTests(ScriptingChromeBrowser browser, AdminSignInBrowserTests.RunningApi api)
    : IClassFixture<ScriptingChromeBrowser>, IClassFixture<AdminSignInBrowserTests.RunningApi>
{
    [Fact]
    public async Task Dashboard_InABrowser_AfterSignIn_CountsTheSiloFromItsDataEndpoints()
    {
        browser.Reset(api.BaseAddress);
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(new Uri(api.BaseAddress, "/admin/grains/"));
        Assert.Equal("/admin/sign-in", new Uri(driver.Url).AbsolutePath);
        driver.FindElement(By.Id("token")).SendKeys(await api.AdministratorTokenAsync());
        driver.FindElement(By.Id("sign-in")).Click();
        await browser.WaitForPageAsync("/admin/grains/");

        // The page's script polls the dashboard's JSON endpoints (no bearer token: only the cookie) and counts the silo.
        await WaitUntilAsync(() => VisibleText(driver).Contains("Active Silos 1", StringComparison.OrdinalIgnoreCase),
            () => "The dashboard never counted the silo:\n" + VisibleText(driver));
    }

    private static string VisibleText(IWebDriver driver) =>
        string.Join(' ', driver.FindElement(By.TagName("body")).Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure());
            await Task.Delay(250);
        }
    }
}
