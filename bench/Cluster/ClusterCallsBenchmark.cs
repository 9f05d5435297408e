using System.Diagnostics;
using System.Net;
using System.Text;
using Actors.Bench.Transport;
using Actors.Runtime.Messaging.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Bench.Cluster;

/// <summary>
/// Cross-process grain calls: a cluster client in this process calls <see cref="IClusterEchoGrain.Echo"/> on grains
/// living in <see cref="Silos"/> silo processes, <see cref="InFlight"/> calls in flight (caller i calls grain i, so
/// the grains spread over both silos), a <see cref="TextBytes"/>-byte string each way. Baseline in the same run: the
/// same payload, concurrency and topology (this process and two server processes, one TCP connection to each) over
/// raw sockets with the transport's framing (<see cref="RawFrameClient"/> against <c>echo-server --kind raw</c>). Also
/// measured, to show where the time goes: the runtime's transport alone against <c>echo-server --kind transport</c>.
/// </summary>
internal static class ClusterCallsBenchmark
{
    public const int InFlight = 256;
    public const int Silos = 2;
    public const int TextBytes = 32;

    /// <summary>Each row's time is split into this many slices, taken in turn with the other rows', so drift on a shared
    /// machine affects every row alike.</summary>
    public const int Rounds = 10;

    public static async Task<ClusterCallsResult> RunAsync(TimeSpan duration)
    {
        var text = new string('e', TextBytes);
        var payload = Encoding.UTF8.GetBytes(text);
        await using var processes = new ProcessScope();
        Console.WriteLine($"  starting {Silos} raw echo servers, {Silos} transport echo servers and {Silos} silos (PostgreSQL membership)");
        var rawServers = await processes.StartEchoServersAsync("raw");
        var transportServers = await processes.StartEchoServersAsync("transport");
        var cluster = processes.Cluster = await SiloProcessCluster.StartAsync(Silos);
        Console.WriteLine($"  PostgreSQL: {cluster.Database}; client view {cluster.ClientView}");

        var rawClients = await Task.WhenAll(rawServers.Select(s => RawFrameClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, s.Port))));
        await using var transport = new TransportConnections(Options.Create(new TransportOptions()), TimeProvider.System, NullLoggerFactory.Instance);
        var connections = new TransportConnection[Silos];
        for (var i = 0; i < Silos; i++)
            connections[i] = await transport.GetConnectionAsync(new IPEndPoint(IPAddress.Loopback, transportServers[i].Port));
        var grains = Enumerable.Range(0, InFlight).Select(key => cluster.Client.GetGrain<IClusterEchoGrain>(key)).ToArray();
        var placement = await SiloPlacement.OfAsync(grains, cluster);
        try
        {
            ClusterLoad[] loads =
            [
                new("raw socket echo, 2 processes (baseline)", rawServers, caller => rawClients[caller % Silos].CallAsync(payload)),
                new("Actors transport echo, 2 processes", transportServers,
                    caller => connections[caller % Silos].SendRequestAsync(FrameType.Request, payload, TimeSpan.FromSeconds(30))),
                new("grain calls, client → 2 silo processes", cluster.Silos, async caller =>
                {
                    if (await grains[caller].Echo(text) != text)
                        throw new InvalidOperationException("The echo grain answered with another text.");
                }, placement.ThreadPoolWorkItemsAsync),
            ];
            var servedBefore = await placement.EchoesServedAsync();
            foreach (var load in loads)
                await RunCallersAsync(load.Call, InFlight, TimeSpan.FromSeconds(1), new CallLatencies()); // warm-up
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var load in loads)
                    await load.MeasureAsync(duration / Rounds);
            }

            var servedAfter = await placement.EchoesServedAsync();
            var shares = placement.Silos.Select((silo, i) => new SiloShare(silo.Name, silo.ProcessId, placement.GrainsOn(silo), servedAfter[i] - servedBefore[i])).ToList();
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

    /// <summary>One row: a way to make a call, the processes that serve it, and what its slices measured so far.</summary>
    private sealed class ClusterLoad(string subject, IReadOnlyList<BenchChildProcess> servers, Func<int, Task> call, Func<Task<long>>? serverWorkItems = null)
    {
        private readonly CallLatencies _latencies = new();
        private long _calls;
        private TimeSpan _elapsed;
        private TimeSpan _clientCpu;
        private TimeSpan _serversCpu;
        private long _clientItems;
        private long _clientBytes;
        private long _serverItems;

        public Func<int, Task> Call => call;

        public async Task MeasureAsync(TimeSpan duration)
        {
            var clientCpu = ProcessorTime.OfThisProcess();
            var serversCpu = ProcessorTime.Of(servers);
            var clientItems = ThreadPool.CompletedWorkItemCount;
            var clientBytes = GC.GetTotalAllocatedBytes();
            var serverItems = serverWorkItems is null ? 0 : await serverWorkItems();
            var started = Stopwatch.GetTimestamp();
            _calls += await RunCallersAsync(call, InFlight, duration, _latencies);
            _elapsed += Stopwatch.GetElapsedTime(started);
            _clientCpu += ProcessorTime.OfThisProcess() - clientCpu;
            _serversCpu += ProcessorTime.Of(servers) - serversCpu;
            _clientItems += ThreadPool.CompletedWorkItemCount - clientItems;
            _clientBytes += GC.GetTotalAllocatedBytes() - clientBytes;
            _serverItems += serverWorkItems is null ? 0 : await serverWorkItems() - serverItems;
        }

        public Measurement Result()
        {
            var (p50, p99) = _latencies.Percentiles();
            var result = new Measurement(subject, InFlight, _calls, _elapsed, p50, p99);
            var cost = Cost();
            Console.WriteLine($"  {subject,-42} {result.PerSecond,10:N0} calls/s  p50={p50.TotalMicroseconds,8:N0} µs  p99={p99.TotalMicroseconds,8:N0} µs  " +
                              $"CPU per call: client {cost.ClientMicroseconds:N1} µs, servers {cost.ServersMicroseconds:N1} µs; " +
                              $"thread-pool work items per call: client {cost.ClientWorkItems:N2}" + (cost.ServerWorkItems is { } items ? $", servers {items:N2}" : "") +
                              $"; client bytes allocated per call {cost.ClientBytes:N0}");
            return result;
        }

        public CallCost Cost() => new(subject, _clientCpu.TotalMicroseconds / _calls, _serversCpu.TotalMicroseconds / _calls,
            (double)_clientItems / _calls, (double)_clientBytes / _calls, serverWorkItems is null ? null : (double)_serverItems / _calls);
    }

    /// <summary>Runs <paramref name="inFlight"/> callers (caller i passes i) calling in a loop for
    /// <paramref name="duration"/>, each call's latency recorded; returns the calls made.</summary>
    public static async Task<long> RunCallersAsync(Func<int, Task> call, int inFlight, TimeSpan duration, CallLatencies recorder)
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

    /// <summary>The echo servers and the cluster of one run, stopped together.</summary>
    private sealed class ProcessScope : IAsyncDisposable
    {
        private readonly List<BenchChildProcess> _children = [];

        public SiloProcessCluster? Cluster { get; set; }

        public async Task<BenchChildProcess[]> StartEchoServersAsync(string kind)
        {
            var started = await Task.WhenAll(Enumerable.Range(1, Silos).Select(i =>
                BenchChildProcess.StartAsync($"{kind}-echo-{i}", ["echo-server", "--kind", kind])));
            _children.AddRange(started);
            return started;
        }

        public async ValueTask DisposeAsync()
        {
            await Task.WhenAll(_children.Select(c => c.DisposeAsync().AsTask()));
            if (Cluster is not null)
                await Cluster.DisposeAsync();
        }
    }
}

/// <summary>The figures of <see cref="ClusterCallsBenchmark"/>.</summary>
internal sealed record ClusterCallsResult(List<Measurement> Rows, List<CallCost> Costs, List<SiloShare> Shares);

/// <summary>Processor time per call in the calling process and in the serving processes together, thread-pool work
/// items per call (the serving side's only where it can be asked: the silos), and bytes the calling process allocated per call.</summary>
internal sealed record CallCost(string Subject, double ClientMicroseconds, double ServersMicroseconds, double ClientWorkItems, double ClientBytes,
    double? ServerWorkItems);

/// <summary>How many of the benchmark's grains lived on a silo, and how many echo calls it served during the warm-up and the measurement.</summary>
internal sealed record SiloShare(string Silo, int ProcessId, int Grains, long Calls);

/// <summary>Which silo process each grain lives in, asked of the grains themselves.</summary>
internal sealed class SiloPlacement
{
    private readonly Dictionary<int, int> _grainsByProcess;
    private readonly IClusterEchoGrain[] _grainOnSilo;

    private SiloPlacement(IReadOnlyList<BenchChildProcess> silos, Dictionary<int, int> grainsByProcess, IClusterEchoGrain[] grainOnSilo)
    {
        Silos = silos;
        _grainsByProcess = grainsByProcess;
        _grainOnSilo = grainOnSilo;
    }

    public IReadOnlyList<BenchChildProcess> Silos { get; }

    public static async Task<SiloPlacement> OfAsync(IClusterEchoGrain[] grains, SiloProcessCluster cluster)
    {
        var processIds = await Task.WhenAll(grains.Select(g => g.SiloProcessId().AsTask()));
        var silos = cluster.Silos.ToArray();
        var grainsByProcess = processIds.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var stranger = processIds.FirstOrDefault(p => silos.All(s => s.ProcessId != p));
        if (stranger != 0)
            throw new InvalidOperationException($"A grain answered from process {stranger}, which is none of the silos.");
        var grainOnSilo = silos.Select(s => Array.IndexOf(processIds, s.ProcessId) is var i and >= 0
            ? grains[i]
            : throw new InvalidOperationException($"None of the {grains.Length} grains lives on {s.Name}; the calls would not cross to every silo.")).ToArray();
        return new SiloPlacement(silos, grainsByProcess, grainOnSilo);
    }

    public int GrainsOn(BenchChildProcess silo) => _grainsByProcess.GetValueOrDefault(silo.ProcessId);

    /// <summary>Each silo's count of served echo calls, in <see cref="Silos"/> order.</summary>
    public async Task<long[]> EchoesServedAsync() => await Task.WhenAll(_grainOnSilo.Select(g => g.EchoesServedBySilo().AsTask()));

    /// <summary>Thread-pool work items completed by all the silo processes together.</summary>
    public async Task<long> ThreadPoolWorkItemsAsync() => (await Task.WhenAll(_grainOnSilo.Select(g => g.SiloThreadPoolWorkItems().AsTask()))).Sum();
}
