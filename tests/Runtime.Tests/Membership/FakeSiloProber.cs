using System.Collections.Concurrent;
using Actors.Runtime.Membership;

namespace Actors.Runtime.Tests.Membership;

/// <summary>How a fake network answers a probe of one silo.</summary>
public enum ProbeAnswer
{
    /// <summary>Answers at once.</summary>
    Up,

    /// <summary>Fails at once (connection refused: the process is gone).</summary>
    Down,

    /// <summary>Never answers (a hung process or a lost packet); the prober's timeout decides.</summary>
    Hung,
}

/// <summary>The network as the tests want it: every silo answers probes unless the test says otherwise.</summary>
internal sealed class FakeSiloProber : ISiloProber
{
    private readonly ConcurrentDictionary<SiloAddress, ProbeAnswer> _answers = new();
    private readonly ConcurrentDictionary<SiloAddress, int> _probes = new();

    /// <summary>Extra work a live silo does before it answers (e.g. a hop onto the thread pool), or null.</summary>
    public Func<Task>? Respond { get; init; }

    public void Set(SiloAddress silo, ProbeAnswer answer) => _answers[silo] = answer;

    public int ProbesOf(SiloAddress silo) => _probes.GetValueOrDefault(silo);

    public async Task<bool> ProbeAsync(SiloAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _probes.AddOrUpdate(target, 1, (_, n) => n + 1);
        switch (_answers.GetValueOrDefault(target, ProbeAnswer.Up))
        {
            case ProbeAnswer.Down:
                return false;
            case ProbeAnswer.Hung:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return false;
            default:
                if (Respond is not null)
                    await Respond();
                return true;
        }
    }
}
