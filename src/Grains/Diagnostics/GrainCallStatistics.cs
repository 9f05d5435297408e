using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Orleans.Providers;

namespace Actors.Grains.Diagnostics;

/// <summary>
/// Per-method call statistics of the grains on this silo, recorded by <see cref="GrainCallStatisticsFilter"/>. Operators
/// read every silo's at once through Orleans' management grain
/// (<c>SendControlCommandToProvider&lt;GrainCallStatistics&gt;(</c><see cref="ServiceKey"/><c>, </c><see cref="SnapshotCommand"/><c>)</c>),
/// which answers one <see cref="SiloCallStatistics"/> per silo.
/// </summary>
public sealed class GrainCallStatistics(ILocalSiloDetails silo, GrainCallMeters meters) : IControllable
{
    /// <summary>The name under which the statistics are registered (as a keyed <see cref="IControllable"/>).</summary>
    public const string ServiceKey = "actors-grain-calls";

    /// <summary>The control command that returns a <see cref="SiloCallStatistics"/>.</summary>
    public const int SnapshotCommand = 1;

    // By interface method (cheaper to get from a call than the implementing method); each of our grain interfaces has
    // one grain class.
    private readonly ConcurrentDictionary<MethodInfo, MethodStatistics> _methods = new();

    internal void Record(MethodInfo method, GrainId target, string interfaceName, TimeSpan elapsed, bool failed) =>
        _methods.GetOrAdd(method, static (_, call) => new MethodStatistics(call.Type, call.Interface, call.Method, call.Meters),
                (Type: target.Type.ToString()!, Interface: interfaceName, Method: method.Name, Meters: meters))
            .Record(elapsed, failed);

    /// <summary>This silo's statistics now.</summary>
    public SiloCallStatistics Snapshot() =>
        new(silo.Name, silo.SiloAddress.ToParsableString(), _methods.Values.Select(m => m.Snapshot()).ToList());

    /// <inheritdoc />
    public Task<object?> ExecuteCommand(int command, object? arg) => command == SnapshotCommand
        ? Task.FromResult<object?>(Snapshot())
        : throw new ArgumentOutOfRangeException(nameof(command), command, $"The only command is {SnapshotCommand} (snapshot).");
}

/// <summary>One silo's grain call statistics.</summary>
/// <param name="SiloName">The silo's name.</param>
/// <param name="SiloAddress">The silo's address.</param>
/// <param name="Methods">Statistics per grain method called on the silo since it started.</param>
[GenerateSerializer, Immutable, Alias("actors.SiloCallStatistics")]
public sealed record SiloCallStatistics(string SiloName, string SiloAddress, IReadOnlyList<MethodStatisticsSnapshot> Methods);

/// <summary>Times every call to a grain of this silo into <see cref="GrainCallStatistics"/>.</summary>
internal sealed class GrainCallStatisticsFilter(GrainCallStatistics statistics) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            await context.Invoke();
            failed = false;
        }
        finally
        {
            statistics.Record(context.InterfaceMethod, context.TargetId, context.InterfaceName, Stopwatch.GetElapsedTime(started), failed);
        }
    }
}
