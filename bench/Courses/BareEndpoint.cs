using System.Net;
using Actors.Bench.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Actors.Bench.Courses;

/// <summary>
/// The baseline of the navigation benchmark, in the benchmark harness and not in the product: a minimal Kestrel
/// endpoint (<see cref="WebApplication"/>, logging off) that answers GET on the navigation route
/// (<see cref="RouteTemplate"/>, the API's template) with a precomputed body, a byte-for-byte copy of a real navigation
/// answer, with the same content type and no other work. The baseline runs in a process of its own (the hidden
/// subcommand <c>bare-endpoint</c>), as the API does; for comparison it can also run in the benchmark process, beside
/// the client. The benchmark sends it the same requests as the API (same path, same bearer token, which it ignores),
/// so the two differ only in what the server does.
/// </summary>
internal sealed class BareEndpoint : IAsyncDisposable
{
    public const string Command = "bare-endpoint";
    public const string RouteTemplate = "/api/course_home/v1/navigation/{*course_key}";

    private readonly BenchChildProcess? _process;
    private readonly string? _bodyFile;
    private readonly WebApplication? _app;

    private BareEndpoint(Uri baseAddress, BenchChildProcess? process, string? bodyFile, WebApplication? app)
    {
        BaseAddress = baseAddress;
        _process = process;
        _bodyFile = bodyFile;
        _app = app;
    }

    public Uri BaseAddress { get; }

    /// <summary>The serving process when it runs apart; null when it runs in this process.</summary>
    public int? ProcessId => _process?.ProcessId;

    /// <summary>Starts the endpoint in a process of its own, serving <paramref name="body"/>.</summary>
    public static async Task<BareEndpoint> StartAsync(byte[] body, string contentType)
    {
        var bodyFile = Path.GetTempFileName();
        await File.WriteAllBytesAsync(bodyFile, body);
        var process = await BenchChildProcess.StartAsync(Command, [Command, "--body", bodyFile, "--content-type", contentType]);
        return new BareEndpoint(new Uri($"http://127.0.0.1:{process.Port}"), process, bodyFile, app: null);
    }

    /// <summary>Starts the endpoint in this process, serving <paramref name="body"/>.</summary>
    public static async Task<BareEndpoint> StartInThisProcessAsync(byte[] body, string contentType)
    {
        var app = Build(body, contentType);
        await app.StartAsync();
        return new BareEndpoint(new Uri(app.Urls.First()), process: null, bodyFile: null, app);
    }

    /// <summary>The child's side: <c>bare-endpoint --body FILE --content-type TYPE</c> serves until its standard input closes.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var body = await File.ReadAllBytesAsync(ChildArguments.Value(args, "--body") ?? throw new ArgumentException("bare-endpoint needs --body FILE"));
        var contentType = ChildArguments.Value(args, "--content-type") ?? throw new ArgumentException("bare-endpoint needs --content-type TYPE");
        await using var app = Build(body, contentType);
        await app.StartAsync();
        Console.WriteLine($"ready {new Uri(app.Urls.First()).Port}");
        await ChildArguments.StandardInputClosedAsync();
        await app.StopAsync();
        return 0;
    }

    private static WebApplication Build(byte[] body, string contentType)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet(RouteTemplate, (HttpContext http) =>
        {
            http.Response.ContentType = contentType;
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body).AsTask();
        });
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
        if (_bodyFile is not null)
            File.Delete(_bodyFile);
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
