using System.Diagnostics;
using Actors.Runtime;
using Actors.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Bench.Ping;

/// <summary>
/// No-op grain calls from an in-process client: C concurrent callers, caller i calling grain i mod G, for a fixed time.
/// Every call's latency is recorded; throughput counts completed calls. The naive channel actor runs the same loop. The
/// runtime is measured twice: as configured by default (a call to an idle activation starts on the caller's thread,
/// <see cref="SchedulingOptions.StartIdleTurnsOnCaller"/>) and with every call queued to the activation's loop.
/// </summary>
internal static class PingBenchmark
{
    public const int Grains = 64;
    public const string QueuedRow = "Actors runtime, every call queued to the activation's loop";

    public static async Task<List<Measurement>> RunAsync(TimeSpan duration)
    {
        using var host = await BenchSilo.StartAsync();
        using var queuedHost = await BenchSilo.StartAsync(silo => silo.Configure<SchedulingOptions>(o => o.StartIdleTurnsOnCaller = false));
        var grains = await ActivateAsync(host);
        var queuedGrains = await ActivateAsync(queuedHost);
        var actors = Enumerable.Range(0, Grains).Select(_ => new ChannelActor()).ToArray();

        var results = new List<Measurement>();
        foreach (var callers in new[] { 1, 64 })
        {
            results.Add(await MeasureAsync("naive channel actor (baseline)", callers, i => actors[i % Grains].Ping(), duration));
            results.Add(await MeasureAsync("Actors runtime", callers, i => grains[i % Grains].Ping(), duration));
            results.Add(await MeasureAsync(QueuedRow, callers, i => queuedGrains[i % Grains].Ping(), duration));
        }

        await host.StopAsync();
        await queuedHost.StopAsync();
        return results;
    }

    private static async Task<IPingGrain[]> ActivateAsync(IHost host)
    {
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        var grains = Enumerable.Range(0, Grains).Select(i => factory.GetGrain<IPingGrain>(i)).ToArray();
        foreach (var grain in grains)
            await grain.Ping();
        return grains;
    }

    private static async Task<Measurement> MeasureAsync(string subject, int callers, Func<int, ValueTask> call, TimeSpan duration)
    {
        await RunCallersAsync(callers, call, TimeSpan.FromSeconds(1), new LatencyRecorder()); // warm-up
        var recorder = new LatencyRecorder();
        var started = Stopwatch.GetTimestamp();
        var calls = await RunCallersAsync(callers, call, duration, recorder);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (p50, p99) = recorder.Percentiles();
        var result = new Measurement(subject, callers, calls, elapsed, p50, p99);
        Console.WriteLine($"  {subject,-60} callers={callers,-3} {result.PerSecond,14:N0} calls/s  p50={p50.TotalMicroseconds,8:N1} µs  p99={p99.TotalMicroseconds,8:N1} µs");
        return result;
    }

    private static async Task<long> RunCallersAsync(int callers, Func<int, ValueTask> call, TimeSpan duration, LatencyRecorder recorder)
    {
        var stop = new StopFlag();
        long total = 0;
        var tasks = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var samples = recorder.ForCaller();
            long count = 0;
            while (!stop.IsSet)
            {
                var start = Stopwatch.GetTimestamp();
                await call(caller);
                samples.Add(Stopwatch.GetTimestamp() - start);
                count++;
            }

            Interlocked.Add(ref total, count);
        })).ToArray();
        await Task.Delay(duration);
        stop.Set();
        await Task.WhenAll(tasks);
        return total;
    }

    private sealed class StopFlag
    {
        private volatile bool _set;

        public bool IsSet => _set;

        public void Set() => _set = true;
    }
}
