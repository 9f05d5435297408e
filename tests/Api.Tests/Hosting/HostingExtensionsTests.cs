using Actors.Api.Hosting;
using Actors.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Actors.Api.Tests.Hosting;

public sealed class HostingExtensionsTests
{
    [Fact]
    public void IsAddressConfigured_Nothing_IsFalse() =>
        Assert.False(HostingExtensions.IsAddressConfigured(Configuration()));

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:9000")]
    public void IsAddressConfigured_AnyUsualSetting_IsTrue(string key, string value) =>
        Assert.True(HostingExtensions.IsAddressConfigured(Configuration((key, value))));

    [Fact]
    public async Task Limits_Default_Is10MiBForKestrel()
    {
        await using var app = new ApiApplication();

        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(10 * 1024 * 1024, kestrel.Limits.MaxRequestBodySize);
    }

    [Fact]
    public async Task Limits_Configured_AppliesToKestrel()
    {
        await using var app = new ApiApplication().WithWebHostBuilder(b => b.UseSetting("Api:Limits:MaxRequestBodyBytes", "4096"));

        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(4096, kestrel.Limits.MaxRequestBodySize);
    }

    [Fact]
    public async Task Startup_WithoutJwtSecret_FailsNamingTheSetting()
    {
        await using var app = new ApiApplication().WithWebHostBuilder(b => b.UseSetting("Jwt:Secret", ""));

        var exception = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("Jwt:Secret", exception.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
