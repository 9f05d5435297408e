using System.Diagnostics;
using Actors.Bench.Cluster;
using Actors.Grains;
using Actors.Grains.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace Actors.Bench.Dashboard;

/// <summary>
/// The hidden subcommand <c>dashboard-host --dashboard on|off</c>: a web host co-hosting a silo as the API's embedded
/// default does (<c>UseActorsCluster</c> with clustering off, <c>AddOpenEdxGrains</c>), with or without the Orleans
/// Dashboard (<c>AddDashboard(o =&gt; o.HideTrace = true)</c> on the silo, its pages and data endpoints under
/// <see cref="DashboardPrefix"/>, no authentication: the cost of authorization is the API's, not the dashboard's).
/// <c>GET /bench/calls?milliseconds=N</c> runs <see cref="Callers"/> callers calling echo grains through the silo's
/// grain factory for N ms and answers the calls answered and failed and this process's processor time meanwhile. Writes
/// <c>ready HTTP_PORT</c> once serving; stops when its standard input closes.
/// </summary>
internal static class DashboardHostCommand
{
    public const string Name = "dashboard-host";
    public const string DashboardPrefix = "/dashboard";
    public const int Callers = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var withDashboard = ChildArguments.Value(args, "--dashboard") == "on";
        var port = BenchClusterConfiguration.FreePort();
        var configuration = BenchClusterConfiguration.EmbeddedSilo();
        var builder = WebApplication.CreateBuilder();
        ChildArguments.LogWarningsToStandardError(builder.Logging, builder.Services);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.UseOrleans(silo =>
        {
            silo.UseActorsCluster(configuration).AddMemoryGrainStorageAsDefault().AddOpenEdxGrains();
            if (withDashboard)
                silo.AddDashboard(options => options.HideTrace = true);
        });
        await using var app = builder.Build();
        if (withDashboard)
            app.MapOrleansDashboard(DashboardPrefix);
        app.MapGet("/bench/calls", (int milliseconds, IGrainFactory grains) => RunCallsAsync(grains, TimeSpan.FromMilliseconds(milliseconds)));
        await app.StartAsync();
        Console.WriteLine($"ready {port}");

        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        await Task.WhenAny(ChildArguments.StandardInputClosedAsync(), Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping));
        await app.StopAsync(TimeSpan.FromSeconds(5));
        return 0;
    }

    private static async Task<IResult> RunCallsAsync(IGrainFactory grains, TimeSpan duration)
    {
        var text = new string('d', ClusterCallsBenchmark.TextBytes);
        var echoes = Enumerable.Range(0, Callers).Select(i => grains.GetGrain<IClusterEchoGrain>(i)).ToArray();
        var cpu = ProcessorTime.OfThisProcess();
        var started = Stopwatch.GetTimestamp();
        long failures = 0;
        var calls = await ClusterCallsBenchmark.RunCallersAsync(async caller =>
        {
            try
            {
                await echoes[caller].Echo(text);
            }
            catch (Exception exception) when (exception is TimeoutException or OrleansException)
            {
                Interlocked.Increment(ref failures);
            }
        }, Callers, duration, new LatencyRecorder(4096));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return TypedResults.Ok(new DashboardHostCalls(calls - failures, failures, elapsed.TotalSeconds, (ProcessorTime.OfThisProcess() - cpu).TotalMicroseconds));
    }
}

/// <summary>The answer of <c>/bench/calls</c>: calls answered, calls failed (timed out), over how long, and the host
/// process's processor time meanwhile.</summary>
internal sealed record DashboardHostCalls(long Calls, long Failures, double Seconds, double ProcessorMicroseconds);
