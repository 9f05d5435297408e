using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Actors.Api.Courses;

/// <summary>Navigation body cache. Section <c>Api:NavigationCache</c>.</summary>
public sealed class NavigationCacheOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api:NavigationCache";

    /// <summary>Total size of cached bodies; the oldest are dropped beyond it. Default 256 MiB; 0 turns the cache off.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;
}

/// <summary>
/// Rendered navigation bodies, keyed by everything a body depends on: course, structure version, user, the user's
/// completion version, role, and how many of the course's start dates have passed. Any change to any of them is a
/// new key, so an entry can never be stale (the lesson of Open edX's sidebar cache, keyed by a version that moved
/// before the structure did); old keys simply stop being asked for and age out, oldest first, past the size bound.
/// </summary>
internal sealed class NavigationCache(IOptions<NavigationCacheOptions> options)
{
    private readonly ConcurrentDictionary<Key, byte[]> _bodies = new();
    private readonly ConcurrentQueue<Key> _insertionOrder = new();
    private readonly long _maxBytes = options.Value.MaxBytes;
    private long _bytes;

    /// <summary>What a navigation body depends on.</summary>
    public readonly record struct Key(string Course, long StructureVersion, string User, long CompletionVersion, string Role, int StartedCount);

    public byte[] GetOrRender(Key key, Func<byte[]> render)
    {
        if (_maxBytes <= 0)
            return render();
        if (_bodies.TryGetValue(key, out var cached))
            return cached;
        var body = render();
        if (_bodies.TryAdd(key, body))
        {
            _insertionOrder.Enqueue(key);
            Interlocked.Add(ref _bytes, body.Length);
            while (Interlocked.Read(ref _bytes) > _maxBytes && _insertionOrder.TryDequeue(out var oldest))
            {
                if (_bodies.TryRemove(oldest, out var evicted))
                    Interlocked.Add(ref _bytes, -evicted.Length);
            }
        }

        return body;
    }
}
