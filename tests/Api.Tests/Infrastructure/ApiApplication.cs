using System.Net.Http.Headers;
using Actors.Api.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>
/// The API host in memory, with its embedded silo, a known JWT configuration and the <c>Testing</c> environment (so
/// the behaviour under test is the one outside Development). Every test creates its own and disposes it.
/// </summary>
/// <param name="configureServices">Replaces services after the host's own registrations (a fake grain factory, say).</param>
/// <param name="settings">Extra configuration (for example <c>ConnectionStrings:Actors</c> to run on PostgreSQL).</param>
internal sealed class ApiApplication(Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string Secret = "tests-only-secret-that-is-long-enough-for-hs256";
    public const string Issuer = "https://lms.test/oauth2";
    public const string Audience = "actors-tests";

    /// <summary>The JWT settings the host runs with, for minting tokens outside it.</summary>
    public static JwtOptions JwtOptions => new() { Secret = Secret, Issuer = Issuer, Audience = Audience };

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"actors-api-tests-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Actors:Storage:SqlitePath", _databasePath);
        builder.UseSetting("Actors:Cluster:SiloPort", ApiProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.UseSetting("Jwt:Secret", Secret);
        builder.UseSetting("Jwt:Issuer", Issuer);
        builder.UseSetting("Jwt:Audience", Audience);
        if (configureServices is not null)
            builder.ConfigureTestServices(configureServices);
    }

    /// <summary>A token minted by the host's own <see cref="TokenIssuer"/>.</summary>
    public string Token(string username, bool administrator = false) =>
        Services.GetRequiredService<TokenIssuer>().Issue(username, administrator);

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient CreateLearnerClient(string username) => CreateClient(Token(username));

    public HttpClient CreateAdministratorClient() => CreateClient(Token("staff", administrator: true));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteDatabase();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        DeleteDatabase();
    }

    private void DeleteDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_databasePath + suffix);
    }
}
