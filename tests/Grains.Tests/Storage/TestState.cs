using System.Collections.Immutable;

namespace Actors.Grains.Tests.Storage;

/// <summary>A grain state shaped like ours: a record with init properties, immutable collections and a positional
/// record inside.</summary>
public sealed record TestState
{
    public string Name { get; init; } = "";

    public int Count { get; init; }

    public ImmutableArray<string> Tags { get; init; } = [];

    public ImmutableDictionary<string, double> Scores { get; init; } = ImmutableDictionary<string, double>.Empty;

    public TestScore? Best { get; init; }

    public bool Equivalent(TestState other) =>
        Name == other.Name && Count == other.Count && Tags.SequenceEqual(other.Tags)
        && Scores.OrderBy(p => p.Key).SequenceEqual(other.Scores.OrderBy(p => p.Key)) && Best == other.Best;
}

/// <summary>A positional record (constructor-only properties) inside <see cref="TestState"/>.</summary>
public sealed record TestScore(string Block, double Score);
