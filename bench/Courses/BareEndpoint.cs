using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Actors.Bench.Courses;

/// <summary>
/// The baseline of the navigation benchmark, in this (benchmark) process and not in the product: a minimal Kestrel
/// endpoint (<see cref="WebApplication"/>, logging off) that answers <c>GET /navigation</c> with a precomputed body,
/// a byte-for-byte copy of a real navigation answer, with the same content type and no other work.
/// </summary>
internal sealed class BareEndpoint : IAsyncDisposable
{
    public const string Path = "/navigation";

    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<BareEndpoint> StartAsync(byte[] body, string contentType)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet(Path, (HttpContext http) =>
        {
            http.Response.ContentType = contentType;
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body).AsTask();
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        return new BareEndpoint(app, new Uri(address, Path));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
