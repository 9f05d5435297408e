using Actors.Bench.Persistence;

namespace Actors.Bench;

/// <summary>The persistence section of the report: grain-state writes on PostgreSQL.</summary>
internal sealed partial class BenchmarkReport
{
    public void AddStateWrites(List<Measurement> results, TimeSpan duration)
    {
        var body = _persistence.Body;
        body.AppendLine("Grain-state writes on PostgreSQL (durable throwaway server, fsync on) through the product's storage wiring: an");
        body.AppendLine("Orleans silo in the benchmark process built as the API's embedded default builds it (`UseActorsCluster`, clustering");
        body.AppendLine("off) with `UseActorsStorage` and `ConnectionStrings:Actors` (Orleans' ADO.NET grain storage behind the type-qualifying");
        body.AppendLine("wrapper, System.Text.Json state, our `orleans_grain_state` table and queries); a grain writes its");
        body.AppendLine("`[PersistentState]` on every call. 64 concurrent callers through the silo's grain factory. 1 grain: every caller writes");
        body.AppendLine("the same grain, which serialises the writes; 1,000 grains: caller c writes grains c, c+64, ... . Baseline, same run:");
        body.AppendLine("raw Npgsql doing the same versioned update (`update … where version = @v returning version`, JSON bytes) on rows");
        body.AppendLine("of the same table, same number of rows, same concurrency (one writer at a time for the single row). The middle row");
        body.AppendLine("of each group, to show where the time goes: the product's own write query (`WriteToStorageKey`, read from");
        body.AppendLine("`OrleansQuery`) through raw Npgsql with the parameters the provider binds. Each row first writes every row (grain)");
        body.AppendLine($"once and warms 1 s; then the rows of a group are measured {duration.TotalSeconds:N0} s each in {StateWriteBenchmark.Rounds} slices taken in turn. Target:");
        body.AppendLine($"grain writes / baseline ≥ {StateWriteBenchmark.TargetRatio:N1}.");
        body.AppendLine();
        body.AppendLine("| subject | grains/rows | writes/s | p50 ms | p99 ms | ratio to baseline |");
        body.AppendLine("|---|---|---|---|---|---|");
        AppendRows(body, results, milliseconds: true);
        foreach (var group in results.GroupBy(r => r.Scale))
        {
            var ratio = group.First(r => r.Subject.StartsWith(StateWriteBenchmark.GrainRowPrefix, StringComparison.Ordinal)).PerSecond / group.First(r => r.IsBaseline).PerSecond;
            var before = group.Key == 1 ? BeforeTheMove.PersistenceOneGrain : BeforeTheMove.PersistenceThousandGrains;
            body.AppendLine($"- {group.Key:N0} grain{(group.Key == 1 ? "" : "s")}: **{ratio:N2}, {Met(ratio >= StateWriteBenchmark.TargetRatio)}**; " +
                            $"{BeforeTheMove.Runtime}: {before}.");
        }

        body.AppendLine();
    }
}
