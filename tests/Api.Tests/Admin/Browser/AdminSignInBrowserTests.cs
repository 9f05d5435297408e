using Actors.Api.Tests.Infrastructure;
using OpenQA.Selenium;

namespace Actors.Api.Tests.Admin.Browser;

/// <summary>The API as a real process and a real browser: an administrator opens <c>/admin</c>, is sent to sign in,
/// pastes the token and lands back on <c>/admin</c>; signing out ends the session.</summary>
public sealed class AdminSignInBrowserTests(ChromeBrowser browser, AdminSignInBrowserTests.RunningApi api)
    : IClassFixture<ChromeBrowser>, IClassFixture<AdminSignInBrowserTests.RunningApi>
{
    private IWebDriver Driver => browser.Driver;

    [Fact]
    public async Task Admin_InABrowser_SignInWithTheTokenShowsTheAdministratorThenSignOutEndsTheSession()
    {
        browser.Reset(api.BaseAddress);
        var token = await api.AdministratorTokenAsync();

        Driver.Navigate().GoToUrl(new Uri(api.BaseAddress, "/admin"));
        Assert.Equal("/admin/sign-in?returnUrl=%2Fadmin", new Uri(Driver.Url).PathAndQuery);

        Driver.FindElement(By.Id("token")).SendKeys(token);
        Driver.FindElement(By.Id("sign-in")).Click();

        await browser.WaitForPageAsync("/admin");
        Assert.Equal("admin", Driver.FindElement(By.Id("signed-in-user")).Text);
        var cookie = Driver.Manage().Cookies.GetCookieNamed(AdminBrowserClient.SessionCookie);
        Assert.NotNull(cookie);
        Assert.True(cookie.IsHttpOnly);
        Assert.Equal("Strict", cookie.SameSite);

        Driver.FindElement(By.Id("sign-out")).Click();

        await browser.WaitForPageAsync("/admin/sign-in?signedOut=true");
        Assert.True(Driver.FindElement(By.Id("signed-out")).Displayed);
        Driver.Navigate().GoToUrl(new Uri(api.BaseAddress, "/admin"));
        Assert.Equal("/admin/sign-in", new Uri(Driver.Url).AbsolutePath);
        Assert.Null(Driver.Manage().Cookies.GetCookieNamed(AdminBrowserClient.SessionCookie));
    }

    [Fact]
    public void SignIn_InABrowser_InvalidTokenShowsTheReasonAndStaysSignedOut()
    {
        browser.Reset(api.BaseAddress);

        Driver.Navigate().GoToUrl(new Uri(api.BaseAddress, "/admin/sign-in"));
        Driver.FindElement(By.Id("token")).SendKeys("eyJhbGciOiJIUzI1NiJ9.eyJhZG1pbmlzdHJhdG9yIjp0cnVlfQ.c2lnbmF0dXJl");
        Driver.FindElement(By.Id("sign-in")).Click();

        Assert.Contains("not valid here", Driver.FindElement(By.Id("sign-in-error")).Text, StringComparison.Ordinal);
        Assert.Null(Driver.Manage().Cookies.GetCookieNamed(AdminBrowserClient.SessionCookie));
    }

    /// <summary>The API executable in the Development environment (it prints an administrator token), in a folder of
    /// its own, shared by the tests of the class.</summary>
    public sealed class RunningApi : IAsyncLifetime
    {
        private readonly DirectoryInfo _workingDirectory = Directory.CreateTempSubdirectory("actors-browser-tests-");
        private ApiProcess? _process;

        public Uri BaseAddress => Process.BaseAddress;

        private ApiProcess Process => _process ?? throw new InvalidOperationException("The API has not started.");

        public async Task InitializeAsync() => _process = await ApiProcess.StartAsync(_workingDirectory.FullName);

        /// <summary>The administrator token the API printed at start.</summary>
        public async Task<string> AdministratorTokenAsync()
        {
            using var client = await Process.CreateAdministratorClientAsync();
            return client.DefaultRequestHeaders.Authorization!.Parameter!;
        }

        public async Task DisposeAsync()
        {
            if (_process is not null)
                await _process.DisposeAsync();
            _workingDirectory.Delete(recursive: true);
        }
    }
}
