using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.TestSupport.Catalog;

/// <summary>How a <see cref="DiscoveryServer"/> page fails.</summary>
public enum DiscoveryFault
{
    /// <summary>Answers 500.</summary>
    ServerError,

    /// <summary>Never answers (until the fault is cleared or the server disposed).</summary>
    Hang,

    /// <summary>Answers 200 with a body that is not JSON.</summary>
    Garbage,

    /// <summary>The connection is refused: the server stops listening as it answers the page before.</summary>
    ConnectionRefused,
}

/// <summary>A request the server received.</summary>
/// <param name="PathAndQuery">Path and query string.</param>
/// <param name="Authorization">The Authorization header, if any.</param>
public sealed record DiscoveryRequest(string PathAndQuery, string? Authorization)
{
    /// <summary>The value of query parameter <paramref name="name"/>, or null.</summary>
    public string? Query(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + PathAndQuery).Query).TryGetValue(name, out var v) ? v.ToString() : null;
}

/// <summary>
/// Course-discovery's <c>/api/v1/course_runs/</c> on loopback (Kestrel), paging as discovery pages (openedx.md §b.2):
/// with <c>page</c>, page-number pagination of <c>page_size</c> rows (default 20; 404 past the last page); without it,
/// limit/offset with a default limit of 20 that ignores <c>page_size</c>. Envelope <c>{count, next, previous, results}</c>
/// with absolute <c>next</c>/<c>previous</c> URLs. Rows are whatever objects the test gives (serialized as written).
/// Faults on one page and a delay per page make it fail or slow as a real one would; requests are recorded.
/// </summary>
public sealed class DiscoveryServer : IAsyncDisposable
{
    /// <summary>Discovery's default page size (DRF <c>PAGE_SIZE</c>).</summary>
    public const int DefaultLimit = 20;

    private readonly WebApplication _app;
    private readonly LoopbackGate _gate;
    private readonly ConcurrentQueue<DiscoveryRequest> _requests = new();
    private readonly object _sync = new();
    private IReadOnlyList<object> _rows = [];
    private (int Page, DiscoveryFault Fault)? _fault;
    private TaskCompletionSource _release = NewSignal();
    private TaskCompletionSource _hanging = NewSignal();

    private DiscoveryServer(WebApplication app, int port)
    {
        _app = app;
        _gate = new LoopbackGate(port);
    }

    /// <summary>Discovery's API root through the gate, e.g. <c>http://127.0.0.1:PORT/api/v1</c> (<c>Catalog:ApiUrl</c>).</summary>
    public Uri ApiUrl => new($"http://127.0.0.1:{_gate.Port}/api/v1");

    /// <summary>The bearer token required, or null to accept any request.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Added before each page answers (the benchmark's 50 ms).</summary>
    public TimeSpan PageDelay { get; set; }

    /// <summary>Every request so far, in order of arrival.</summary>
    public IReadOnlyList<DiscoveryRequest> Requests => [.. _requests];

    /// <summary>Completes when a request starts hanging on a <see cref="DiscoveryFault.Hang"/> page.</summary>
    public Task Hanging
    {
        get
        {
            lock (_sync)
                return _hanging.Task;
        }
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<DiscoveryServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        DiscoveryServer? server = null;
        app.MapGet("/api/v1/course_runs/", context => server!.CourseRunsAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new DiscoveryServer(app, new Uri(address).Port);
        return server;
    }

    /// <summary>Serves <paramref name="rows"/> (objects serialized as written, e.g. <c>new { key = "…", marketing_url = "…" }</c>).</summary>
    public void SetCatalog(IEnumerable<object> rows)
    {
        lock (_sync)
            _rows = rows.ToList();
    }

    /// <summary>Makes page <paramref name="page"/> (page-number pagination) fail as <paramref name="fault"/> says.</summary>
    public void Fail(int page, DiscoveryFault fault)
    {
        lock (_sync)
            _fault = (page, fault);
    }

    /// <summary>Clears the fault: hanging requests are released (answered 503), the gate listens again.</summary>
    public void Heal()
    {
        lock (_sync)
        {
            _fault = null;
            _release.TrySetResult();
            _release = NewSignal();
            _hanging = NewSignal();
        }

        _gate.Open();
    }

    /// <summary>Forgets the requests recorded.</summary>
    public void ClearRequests() => _requests.Clear();

    private async Task CourseRunsAsync(HttpContext context)
    {
        var request = context.Request;
        _requests.Enqueue(new DiscoveryRequest(request.Path + request.QueryString, request.Headers.Authorization.FirstOrDefault()));
        IReadOnlyList<object> rows;
        (int Page, DiscoveryFault Fault)? fault;
        Task release;
        lock (_sync)
        {
            rows = _rows;
            fault = _fault;
            release = _release.Task;
        }

        if (RequiredToken is { } token && request.Headers.Authorization != $"Bearer {token}")
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { detail = "Authentication credentials were not provided." });
            return;
        }

        if (PageDelay > TimeSpan.Zero)
            await Task.Delay(PageDelay, context.RequestAborted);
        var query = request.Query;
        var hasPage = query.ContainsKey("page");
        if (fault is { Fault: DiscoveryFault.ConnectionRefused })
            context.Response.Headers.Connection = "close"; // a new connection per page, so a closed gate refuses the next

        int offset, limit;
        int? pageNumber = null;
        if (hasPage)
        {
            limit = Number(query["page_size"], DefaultLimit);
            pageNumber = Number(query["page"], 1);
            offset = (pageNumber.Value - 1) * limit;
            if (pageNumber < 1 || (offset >= rows.Count && pageNumber > 1))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsJsonAsync(new { detail = "Invalid page." });
                return;
            }
        }
        else
        {
            limit = Number(query["limit"], DefaultLimit);
            offset = Number(query["offset"], 0);
        }

        if (pageNumber is { } n && fault is { } f)
        {
            if (f.Page == n)
            {
                switch (f.Fault)
                {
                    case DiscoveryFault.ServerError:
                        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                        await context.Response.WriteAsync("<h1>Server Error (500)</h1>");
                        return;
                    case DiscoveryFault.Garbage:
                        context.Response.ContentType = "application/json";
                        await context.Response.WriteAsync("<html><body>Bad gateway</body></html>");
                        return;
                    case DiscoveryFault.Hang:
                        lock (_sync)
                            _hanging.TrySetResult();
                        await release.WaitAsync(context.RequestAborted);
                        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                        return;
                }
            }
            else if (f.Fault == DiscoveryFault.ConnectionRefused && f.Page == n + 1)
            {
                _gate.Close(); // this page still answers on its open connection; the next one is refused
            }
        }

        var page = rows.Skip(offset).Take(limit).ToList();
        var next = offset + limit < rows.Count ? Link(request, hasPage, pageNumber + 1, offset + limit, limit) : null;
        var previous = offset > 0 ? Link(request, hasPage, pageNumber - 1, Math.Max(0, offset - limit), limit) : null;
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["count"] = rows.Count,
            ["next"] = next,
            ["previous"] = previous,
            ["results"] = page,
        }, JsonSerializerOptions.Default);
    }

    private static string Link(HttpRequest request, bool hasPage, int? page, int offset, int limit)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        if (hasPage)
            query["page"] = page!.Value.ToString(CultureInfo.InvariantCulture);
        else
        {
            query["limit"] = limit.ToString(CultureInfo.InvariantCulture);
            query["offset"] = offset.ToString(CultureInfo.InvariantCulture);
        }

        var text = string.Join('&', query.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        return $"{request.Scheme}://{request.Host}{request.Path}?{text}";
    }

    private static int Number(Microsoft.Extensions.Primitives.StringValues value, int fallback) =>
        int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        lock (_sync)
            _release.TrySetResult();
        await _gate.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
