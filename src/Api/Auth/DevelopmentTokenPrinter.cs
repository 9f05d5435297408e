using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Actors.Api.Auth;

/// <summary>
/// Once the host has started, logs an administrator token and a curl command that uses it, so a developer can call the
/// API straight away. Registered only for the embedded silo in the Development environment: anywhere else, logging an
/// administrator credential would be a leak.
/// </summary>
internal sealed partial class DevelopmentTokenPrinter(
    TokenIssuer issuer,
    IOptions<JwtOptions> options,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<DevelopmentTokenPrinter> logger) : IHostedService
{
    /// <summary>The username of the development token.</summary>
    public const string Username = "admin";

    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Addresses are known only after the server has started, so wait for ApplicationStarted.
        _registration = lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
    }

    private void Print()
    {
        var token = issuer.Issue(Username, administrator: true);
        var address = BrowsableAddress(server.Features.Get<IServerAddressesFeature>()?.Addresses);
        LogDevelopmentToken(Username, options.Value.TokenLifetime, token,
            $"curl -H 'Authorization: Bearer {token}' {address}/admin/api/silos");
    }

    /// <summary>The first listening address, with a wildcard host replaced by one a client can connect to.</summary>
    internal static string BrowsableAddress(IEnumerable<string>? addresses)
    {
        var address = addresses?.FirstOrDefault() ?? "http://localhost";
        foreach (var wildcard in new[] { "://+", "://*", "://0.0.0.0", "://[::]" })
            address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        return address.TrimEnd('/');
    }
}
