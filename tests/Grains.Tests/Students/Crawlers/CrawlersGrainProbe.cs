using System.Collections.Concurrent;
using Actors.Grains.Students;

namespace Actors.Grains.Tests.Students.Crawlers;

/// <summary>What the tests learn about, and do to, calls to the crawler configuration: counts the reads of each site's
/// <see cref="ICrawlersConfigGrain"/>, and on demand fails them or fails the management grain's control commands (so
/// the silos miss a change). One instance is shared by every silo of a cluster.</summary>
internal sealed class CrawlersGrainProbe
{
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);
    private int _failedReads;

    /// <summary>Whether reads of the crawlers grain fail.</summary>
    public volatile bool FailReads;

    /// <summary>Whether the management grain's <c>SendControlCommandToProvider</c> fails (the change notice is lost).</summary>
    public volatile bool DropChangeNotices;

    /// <summary>How many times <see cref="ICrawlersConfigGrain.GetAsync"/> of <paramref name="site"/> was called.</summary>
    public int Reads(string site) => _reads.GetValueOrDefault(site);

    /// <summary>How many reads failed because of <see cref="FailReads"/>.</summary>
    public int FailedReads => Volatile.Read(ref _failedReads);

    /// <summary>Called by the filter for a read of <paramref name="site"/>; throws when reads fail.</summary>
    public void OnRead(string site)
    {
        _reads.AddOrUpdate(site, 1, static (_, n) => n + 1);
        if (!FailReads)
            return;
        Interlocked.Increment(ref _failedReads);
        throw new InvalidOperationException("The crawler configuration is unavailable (test).");
    }

    /// <summary>Called by the filter for a control command; throws when notices are dropped.</summary>
    public void OnControlCommand()
    {
        if (DropChangeNotices)
            throw new InvalidOperationException("The silos cannot be reached (test).");
    }

    /// <summary>The silo's incoming call filter that reports to the probe.</summary>
    internal sealed class Filter(CrawlersGrainProbe probe) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod.DeclaringType == typeof(ICrawlersConfigGrain) && context.InterfaceMethod.Name == nameof(ICrawlersConfigGrain.GetAsync))
                probe.OnRead(context.TargetId.Key.ToString()!);
            else if (context.InterfaceMethod.DeclaringType == typeof(IManagementGrain)
                     && context.InterfaceMethod.Name == nameof(IManagementGrain.SendControlCommandToProvider))
                probe.OnControlCommand();
            return context.Invoke();
        }
    }
}
