namespace Actors.Bench;

/// <summary>
/// Figures measured on the home-made actor runtime at the last commit before the move onto Orleans (docs/benchmarks.md
/// as it was then; persistence from commit 7167416, the last to record it), kept so every section can show them beside
/// the Orleans figures. Same machine class (2 cores), same benchmark definitions unless a section says otherwise.
/// </summary>
internal static class BeforeTheMove
{
    public const string Runtime = "home-made runtime, before the move";

    public const string NavigationGenerated = "12,253 requests/s vs 13,009 bare: **0.94**";
    public const string NavigationSample = "26,558 requests/s vs 32,406 bare: **0.82**";
    public const string Collect = "median 65.9 ms (43.1 – 108.3), structure 1.72 MB";
    public const string Staleness = "every reader had the new version 85.1 ms after the publish returned (median; max 154.7 ms)";
    public const string PersistenceOneGrain = "3,038 writes/s vs 3,039 raw: **1.00**";
    public const string PersistenceThousandGrains = "10,053 writes/s vs 11,503 raw: **0.87**";
    public const string ClusterCalls = "450,014 calls/s vs 789,724 raw echo: **0.57**";
    public const string Failover = "median of 5: **3.82 s** (3.55 – 3.98 s), no load";
}
