using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Actors.Runtime.Membership;

/// <summary>The membership table in process memory, shared by the silos of an in-process test cluster.</summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, MembershipEntry> _rows = new();
    private readonly List<Channel<long>> _watchers = [];
    private long _version;
    private long _rowVersion;

    /// <inheritdoc />
    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(new MembershipSnapshot(_version, _rows.Values.ToList()));
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_version != expectedVersion || _rows.ContainsKey(entry.Silo))
                return Task.FromResult(false);
            Write(entry);
        }

        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_version != expectedVersion || !_rows.TryGetValue(entry.Silo, out var current) || current.ETag != entry.ETag)
                return Task.FromResult(false);
            Write(entry);
        }

        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_rows.TryGetValue(silo, out var current))
                _rows[silo] = current with { IAmAliveTime = time };
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> CleanupDefunctEntriesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var defunct = _rows.Values.Where(r => r.Status == SiloStatus.Dead && r.IAmAliveTime < before).Select(r => r.Silo).ToList();
            foreach (var silo in defunct)
                _rows.Remove(silo);
            return Task.FromResult(defunct.Count);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<long> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<long>();
        lock (_lock)
            _watchers.Add(channel);
        try
        {
            await foreach (var version in channel.Reader.ReadAllAsync(cancellationToken))
                yield return version;
        }
        finally
        {
            lock (_lock)
                _watchers.Remove(channel);
        }
    }

    // Under the lock.
    private void Write(MembershipEntry entry)
    {
        _version++;
        _rows[entry.Silo] = entry with { ETag = (++_rowVersion).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var watcher in _watchers)
            watcher.Writer.TryWrite(_version);
    }
}
