using System.Diagnostics;
using System.Net.Http.Json;
using Actors.Bench.Cluster;

namespace Actors.Bench.Dashboard;

/// <summary>
/// The Orleans Dashboard's cost: three web hosts co-hosting a silo each (<see cref="DashboardHostCommand"/>), one without
/// the dashboard, one with it never viewed (its per-call profiler off: the API's usual state) and one with it viewed,
/// each running <see cref="DashboardHostCommand.Callers"/> callers of echo grains in its
/// own process, one host at a time, in <see cref="Rounds"/> interleaved slices (the order alternating each round). While
/// the host with the dashboard runs, its data endpoints are polled as the dashboard's page polls them, once a second
/// (<see cref="PolledEndpoints"/>), so its per-call profiling is on. Cost = 1 − calls/s with ÷ calls/s without.
/// </summary>
internal static class DashboardBenchmark
{
    public const int Rounds = 6;
    public const double TargetCost = 0.05;
    public const string UnviewedRow = "with the dashboard, never viewed (its profiler off)";
    public static readonly string[] PolledEndpoints = ["/DashboardCounters", "/ClusterStats", "/TopGrainMethods"];

    public static async Task<DashboardResult> RunAsync(TimeSpan duration)
    {
        await using var without = await BenchChildProcess.StartAsync("host without the dashboard", [DashboardHostCommand.Name, "--dashboard", "off"]);
        await using var unviewed = await BenchChildProcess.StartAsync("host with the dashboard, never viewed", [DashboardHostCommand.Name, "--dashboard", "on"]);
        await using var with = await BenchChildProcess.StartAsync("host with the dashboard", [DashboardHostCommand.Name, "--dashboard", "on"]);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var rows = new[]
        {
            new DashboardRow("without the dashboard (baseline)", without, poll: false),
            new DashboardRow(UnviewedRow, unviewed, poll: false),
            new DashboardRow("with the dashboard, polled once a second", with, poll: true),
        };
        foreach (var row in rows)
        {
            await row.PollOnceAsync(http); // the page opened before the load starts
            await row.MeasureAsync(http, TimeSpan.FromSeconds(1), record: false); // warm-up
        }
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var row in round % 2 == 0 ? rows : rows.Reverse())
                await row.MeasureAsync(http, duration / Rounds, record: true);
        }

        foreach (var row in rows)
            Console.WriteLine($"  {row.Subject,-42} {row.PerSecond,12:N0} calls/s  {row.MicrosecondsPerCall,6:N2} µs CPU per call  ({row.Polls} dashboard polls, {row.FailedCalls:N0} failed calls)");
        var result = new DashboardResult(rows[0].PerSecond, rows[2].PerSecond, rows[0].MicrosecondsPerCall, rows[2].MicrosecondsPerCall, rows[2].Polls,
            rows[2].FailedPolls, rows[1].PerSecond, rows[1].MicrosecondsPerCall, rows.Sum(r => r.FailedCalls));
        Console.WriteLine($"  cost of the dashboard: {result.Cost:P1} of calls/s (target ≤ {TargetCost:P0}); {result.CpuCost:P1} of processor time per call");
        return result;
    }

    /// <summary>One host, and what its slices measured so far.</summary>
    private sealed class DashboardRow(string subject, BenchChildProcess host, bool poll)
    {
        private long _calls;
        private double _seconds;
        private double _cpu;

        public string Subject => subject;

        public int Polls { get; private set; }

        public int FailedPolls { get; private set; }

        public long FailedCalls { get; private set; }

        public async Task PollOnceAsync(HttpClient http)
        {
            if (!poll)
                return;
            foreach (var endpoint in PolledEndpoints)
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{host.Port}{DashboardHostCommand.DashboardPrefix}{endpoint}");
                response.EnsureSuccessStatusCode();
            }
        }

        public double PerSecond => _calls / _seconds;

        public double MicrosecondsPerCall => _cpu / _calls;

        public async Task MeasureAsync(HttpClient http, TimeSpan duration, bool record)
        {
            using var polling = new CancellationTokenSource();
            var poller = poll ? PollAsync(http, polling.Token) : Task.CompletedTask;
            using var response = await http.GetAsync($"http://127.0.0.1:{host.Port}/bench/calls?milliseconds={(int)duration.TotalMilliseconds}");
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{subject}: /bench/calls answered {(int)response.StatusCode}: " +
                                                    $"{await response.Content.ReadAsStringAsync()}\n{host.LastOutput}");
            var answer = await response.Content.ReadFromJsonAsync<DashboardHostCalls>() ?? throw new InvalidOperationException($"{subject}: no answer.");
            await polling.CancelAsync();
            await poller;
            if (!record)
                return;
            _calls += answer.Calls;
            FailedCalls += answer.Failures;
            _seconds += answer.Seconds;
            _cpu += answer.ProcessorMicroseconds;
        }

        // As the dashboard's page: each of its data endpoints once a second.
        private async Task PollAsync(HttpClient http, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var next = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
                foreach (var endpoint in PolledEndpoints)
                {
                    try
                    {
                        using var response = await http.GetAsync($"http://127.0.0.1:{host.Port}{DashboardHostCommand.DashboardPrefix}{endpoint}", CancellationToken.None);
                        await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                        if (response.IsSuccessStatusCode)
                            Polls++;
                        else
                            FailedPolls++;
                    }
                    catch (HttpRequestException)
                    {
                        FailedPolls++;
                    }
                }

                var wait = TimeSpan.FromSeconds((next - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
                try
                {
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}

/// <summary>The dashboard's figures: calls/s and processor time per call without it, with it viewed (and the polls
/// made) and with it never viewed.</summary>
internal sealed record DashboardResult(double WithoutPerSecond, double WithPerSecond, double WithoutCpuPerCall, double WithCpuPerCall, int Polls, int FailedPolls,
    double UnviewedPerSecond, double UnviewedCpuPerCall, long FailedCalls)
{
    public double UnviewedCost => 1 - UnviewedPerSecond / WithoutPerSecond;

    public double Cost => 1 - WithPerSecond / WithoutPerSecond;

    public double CpuCost => WithCpuPerCall / WithoutCpuPerCall - 1;
}
