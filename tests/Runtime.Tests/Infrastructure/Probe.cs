using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Actors.Runtime.Tests.Infrastructure;

/// <summary>
/// What a test grain reports to its test: events in order, how many of its calls run at once, and a gate the test
/// opens to let blocked calls finish. A test grain's key is its probe's id, so every test has its own grain.
/// </summary>
public sealed class Probe
{
    private static readonly ConcurrentDictionary<string, Probe> All = new();
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>();
    private int _inside;
    private int _maxInside;

    private Probe(string id) => Id = id;

    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(10);

    public string Id { get; }

    public int MaxConcurrency => Volatile.Read(ref _maxInside);

    /// <summary>How many coming activations of the probe's grain should fail in <c>OnActivateAsync</c>.</summary>
    public int ActivationsToFail;

    public TaskCompletionSource Gate { get; private set; } = NewGate();

    public static Probe Create()
    {
        var probe = new Probe(Guid.NewGuid().ToString("N"));
        All[probe.Id] = probe;
        return probe;
    }

    public static Probe For(string id) => All[id];

    public void Record(string @event) => _events.Writer.TryWrite(@event);

    public void Enter(string label)
    {
        var inside = Interlocked.Increment(ref _inside);
        int max;
        while (inside > (max = Volatile.Read(ref _maxInside)) && Interlocked.CompareExchange(ref _maxInside, inside, max) != max)
        {
        }

        Record("enter " + label);
    }

    public void Exit(string label)
    {
        Interlocked.Decrement(ref _inside);
        Record("exit " + label);
    }

    public void OpenGate()
    {
        var gate = Gate;
        Gate = NewGate();
        gate.TrySetResult();
    }

    /// <summary>The next event, failing the test if none comes within <see cref="Patience"/>.</summary>
    public async Task<string> NextEventAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            return await _events.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No event from probe {Id} within {Patience}.");
        }
    }

    /// <summary>Waits for <paramref name="expected"/>, failing on any other event first.</summary>
    public async Task ExpectAsync(string expected) => Assert.Equal(expected, await NextEventAsync());

    /// <summary>True if an event is already queued (used to check that something has NOT happened).</summary>
    public bool TryPeek(out string? @event) => _events.Reader.TryPeek(out @event);

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
