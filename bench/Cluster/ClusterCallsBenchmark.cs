using System.Diagnostics;
using System.Net;
using System.Text;

namespace Actors.Bench.Cluster;

/// <summary>
/// Cross-process grain calls: an Orleans client in this process calls <see cref="IClusterEchoGrain.Echo"/> on grains
/// living in <see cref="Silos"/> silo processes, <see cref="InFlight"/> calls in flight (caller i calls grain i), a
/// <see cref="TextBytes"/>-byte string each way. Baseline in the same run: the same payload, concurrency and topology
/// (this process and two server processes, one TCP connection to each) over raw sockets (<see cref="RawFrameClient"/>
/// against <c>echo-server</c>).
/// </summary>
internal static class ClusterCallsBenchmark
{
    public const int InFlight = 256;
    public const int Silos = 2;
    public const int TextBytes = 32;
    public const double TargetRatio = 0.5;

    /// <summary>Each row's time is split into this many slices, taken in turn with the other rows', so drift on a shared
    /// machine affects every row alike.</summary>
    public const int Rounds = 10;

    public static async Task<ClusterCallsResult> RunAsync(TimeSpan duration)
    {
        var text = new string('e', TextBytes);
        var payload = Encoding.UTF8.GetBytes(text);
        var echoServers = new List<BenchChildProcess>();
        Console.WriteLine($"  starting {Silos} raw echo servers and {Silos} silos (PostgreSQL membership)");
        await using var cluster = await SiloProcessCluster.StartAsync(Silos);
        try
        {
            echoServers.AddRange(await Task.WhenAll(Enumerable.Range(1, Silos).Select(i =>
                BenchChildProcess.StartAsync($"raw-echo-{i}", [EchoServerCommand.Name]))));
            Console.WriteLine($"  PostgreSQL: {cluster.Database}; silos {string.Join(", ", cluster.Silos.Select(s => $"{s.Name} (pid {s.ProcessId})"))}");
            var rawClients = await Task.WhenAll(echoServers.Select(s => RawFrameClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, s.Port))));
            var grains = Enumerable.Range(0, InFlight).Select(key => cluster.Client.GetGrain<IClusterEchoGrain>(key)).ToArray();
            var placement = await Task.WhenAll(grains.Select(g => g.SiloProcessId().AsTask()));
            try
            {
                ClusterLoad[] loads =
                [
                    new("raw socket echo, 2 processes (baseline)", echoServers, caller => rawClients[caller % Silos].CallAsync(payload)),
                    new("grain calls, client → 2 silo processes" + (BenchSettings.Describe() is { Length: > 0 } settings ? $" ({settings})" : ""), cluster.Silos, async caller =>
                    {
                        if (await grains[caller].Echo(text) != text)
                            throw new InvalidOperationException("The echo grain answered with another text.");
                    }),
                ];
                var servedBefore = await SiloCallCounts.OfAsync(cluster.Client, nameof(IClusterEchoGrain.Echo));
                foreach (var load in loads)
                    await RunCallersAsync(load.Call, InFlight, TimeSpan.FromSeconds(1), new LatencyRecorder(4096)); // warm-up
                for (var round = 0; round < Rounds; round++)
                {
                    foreach (var load in loads)
                        await load.MeasureAsync(duration / Rounds);
                }

                var servedAfter = await SiloCallCounts.OfAsync(cluster.Client, nameof(IClusterEchoGrain.Echo));
                var shares = cluster.Silos.Select(silo => new SiloShare(silo.Name, silo.ProcessId, placement.Count(p => p == silo.ProcessId),
                    servedAfter.GetValueOrDefault(silo.Name) - servedBefore.GetValueOrDefault(silo.Name))).ToList();
                foreach (var share in shares)
                    Console.WriteLine($"    {share.Silo} (pid {share.ProcessId}): {share.Grains} of the {InFlight} grains, served {share.Calls:N0} echo calls");
                return new ClusterCallsResult(loads.Select(l => l.Result()).ToList(), loads.Select(l => l.Cost()).ToList(), shares);
            }
            finally
            {
                foreach (var client in rawClients)
                    await client.DisposeAsync();
            }
        }
        finally
        {
            await Task.WhenAll(echoServers.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Runs <paramref name="inFlight"/> callers (caller i passes i) calling in a loop for
    /// <paramref name="duration"/>, each call's latency recorded; returns the calls made.</summary>
    public static async Task<long> RunCallersAsync(Func<int, Task> call, int inFlight, TimeSpan duration, LatencyRecorder recorder)
    {
        var stop = 0;
        long total = 0;
        var callers = Enumerable.Range(0, inFlight).Select(caller => Task.Run(async () =>
        {
            var samples = recorder.ForCaller();
            long count = 0;
            while (Volatile.Read(ref stop) == 0)
            {
                var start = Stopwatch.GetTimestamp();
                await call(caller);
                samples.Add(Stopwatch.GetTimestamp() - start);
                count++;
            }

            Interlocked.Add(ref total, count);
        })).ToArray();
        await Task.Delay(duration);
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(callers);
        return total;
    }

    /// <summary>One row: a way to make a call, the processes that serve it, and what its slices measured so far.</summary>
    private sealed class ClusterLoad(string subject, IReadOnlyList<BenchChildProcess> servers, Func<int, Task> call)
    {
        private readonly LatencyRecorder _latencies = new(4096);
        private long _calls;
        private TimeSpan _elapsed;
        private TimeSpan _clientCpu;
        private TimeSpan _serversCpu;
        private long _clientItems;
        private long _clientBytes;

        public Func<int, Task> Call => call;

        public async Task MeasureAsync(TimeSpan duration)
        {
            var clientCpu = ProcessorTime.OfThisProcess();
            var serversCpu = ProcessorTime.Of(servers);
            var clientItems = ThreadPool.CompletedWorkItemCount;
            var clientBytes = GC.GetTotalAllocatedBytes();
            var started = Stopwatch.GetTimestamp();
            _calls += await RunCallersAsync(call, InFlight, duration, _latencies);
            _elapsed += Stopwatch.GetElapsedTime(started);
            _clientCpu += ProcessorTime.OfThisProcess() - clientCpu;
            _serversCpu += ProcessorTime.Of(servers) - serversCpu;
            _clientItems += ThreadPool.CompletedWorkItemCount - clientItems;
            _clientBytes += GC.GetTotalAllocatedBytes() - clientBytes;
        }

        public Measurement Result()
        {
            var (p50, p99) = _latencies.Percentiles();
            var result = new Measurement(subject, InFlight, _calls, _elapsed, p50, p99);
            var cost = Cost();
            Console.WriteLine($"  {subject,-42} {result.PerSecond,10:N0} calls/s  p50={p50.TotalMicroseconds,8:N0} µs  p99={p99.TotalMicroseconds,8:N0} µs  " +
                              $"CPU per call: client {cost.ClientMicroseconds:N1} µs, servers {cost.ServersMicroseconds:N1} µs; " +
                              $"client thread-pool work items per call {cost.ClientWorkItems:N2}; client bytes allocated per call {cost.ClientBytes:N0}");
            return result;
        }

        public CallCost Cost() => new(subject, _clientCpu.TotalMicroseconds / _calls, _serversCpu.TotalMicroseconds / _calls,
            (double)_clientItems / _calls, (double)_clientBytes / _calls);
    }
}

/// <summary>The figures of <see cref="ClusterCallsBenchmark"/>.</summary>
internal sealed record ClusterCallsResult(List<Measurement> Rows, List<CallCost> Costs, List<SiloShare> Shares)
{
    public double Ratio => Rows.Last().PerSecond / Rows.First(r => r.IsBaseline).PerSecond;
}

/// <summary>Processor time per call in the calling process and in the serving processes together, thread-pool work
/// items the calling process ran per call, and bytes it allocated per call.</summary>
internal sealed record CallCost(string Subject, double ClientMicroseconds, double ServersMicroseconds, double ClientWorkItems, double ClientBytes);

/// <summary>How many of the benchmark's grains lived on a silo, and how many echo calls it served during the warm-up and the measurement.</summary>
internal sealed record SiloShare(string Silo, int ProcessId, int Grains, long Calls);
