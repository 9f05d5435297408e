using Actors.Bench.Students;

namespace Actors.Bench;

/// <summary>The group-commit section of the report: courseware state writes, the grain's group commit against Open edX's way.</summary>
internal sealed partial class BenchmarkReport
{
    public void AddGroupCommit(GroupCommitRun run, TimeSpan duration)
    {
        var body = _groupCommit.Body;
        body.AppendLine("Courseware state writes (Open edX's StudentModule) on PostgreSQL (durable throwaway server, fsync on), 64 concurrent");
        body.AppendLine("writers, all rows in the same run. **Actors group commit**: `IStudentModuleGrain.SetStateAsync` through the grain");
        body.AppendLine("factory of an Orleans silo in the benchmark process, built as the API's embedded default (`UseActorsCluster`, clustering");
        body.AppendLine("off) with `UseActorsStorage` on `ConnectionStrings:Actors` and `AddOpenEdxGrains`, as the API's state routes call it;");
        body.AppendLine($"group commit options at their defaults (`Actors:Students:FlushWindow` {run.Options.FlushWindow.TotalMilliseconds:N0} ms, `MaxBatchSize` {run.Options.MaxBatchSize}).");
        body.AppendLine("**Baseline, Open edX's way** (`DjangoXBlockUserStateClient.set_many` for one block, `shared/openedx.md` §d.4): raw Npgsql");
        body.AppendLine("on the same `student_module` table, one transaction per write: `get_or_create` (SELECT the row; INSERT in a savepoint");
        body.AppendLine("if there is none), the new fields overlaid onto the stored JSON, the row saved whole (UPDATE of every column by id),");
        body.AppendLine("COMMIT (Django's own savepoint around that UPDATE left out, so the baseline if anything is faster than Open edX).");
        body.AppendLine("Each write sets one field of a `video` block's state to a new value (no history on either side). One learner: all");
        body.AppendLine("writers write 256 blocks of one learner (a browser or downloader loading many units at once); spread: 1,000 learners");
        body.AppendLine("with 4 blocks each. Writer c only writes its own rows (blocks c, c+64, ...; learners c, c+64, ...), so the baseline's");
        body.AppendLine("writers never wait for each other's row locks; the two sides write learners of their own. Each row first writes every");
        body.AppendLine($"one of its rows once and warms 1 s; then the two rows of a group are measured {duration.TotalSeconds:N0} s each in {GroupCommitBenchmark.Rounds} slices");
        body.AppendLine("taken in turn. Transactions: PostgreSQL's own count for the database (`pg_stat_database`, `xact_commit` + `xact_rollback`)");
        body.AppendLine("around each slice, read alike for both rows, every pooled connection made to report its counts first");
        body.AppendLine("(`pg_stat_force_next_flush()`, whose own transactions are subtracted); read-only transactions count too. Both");
        body.AppendLine("connection pools (the baseline's and the silo's) hold 64 connections with `No Reset On Close=true`: with Npgsql's");
        body.AppendLine("default, the `DISCARD ALL` it sends before reusing a pooled connection is one more transaction each time (checked:");
        body.AppendLine("2 per write on Open edX's side, 2 per flush on the grain's), which would double both counts with nothing written.");
        body.AppendLine($"Targets: writes/s ≥ {GroupCommitBenchmark.TargetOneUser:N0} × the baseline's for one learner, ≥ {GroupCommitBenchmark.TargetSpread:N0} × spread; " +
                        $"≤ {GroupCommitBenchmark.TargetTransactionsPerThousand:N0} transactions per 1,000 writes for one learner.");
        body.AppendLine();
        body.AppendLine("| subject | learners | writes/s | p50 ms | p99 ms | transactions per 1,000 writes | ratio to baseline |");
        body.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var group in run.Results.GroupBy(r => r.Figures.Scale))
        {
            var baseline = group.First(r => !r.IsGrain).Figures.PerSecond;
            foreach (var result in group)
            {
                var row = result.Figures.Row(baseline, milliseconds: true);
                var cut = row.LastIndexOf(" | ", row.Length - 3, StringComparison.Ordinal);
                body.AppendLine($"{row[..cut]} | {result.TransactionsPerThousandWrites:N1}{row[cut..]}");
            }
        }

        body.AppendLine();
        foreach (var (group, writesPerFlush) in run.Results.GroupBy(r => r.Figures.Scale).Zip(run.WritesPerFlush))
        {
            var baseline = group.First(r => !r.IsGrain);
            var grain = group.First(r => r.IsGrain);
            var ratio = grain.Figures.PerSecond / baseline.Figures.PerSecond;
            var oneUser = group.Key == 1;
            var line = $"- {(oneUser ? "One learner" : "1,000 learners")}: **{ratio:N2} × the baseline's writes/s, " +
                       $"{Met(ratio >= (oneUser ? GroupCommitBenchmark.TargetOneUser : GroupCommitBenchmark.TargetSpread))}**; " +
                       $"{grain.TransactionsPerThousandWrites:N1} transactions per 1,000 writes against {baseline.TransactionsPerThousandWrites:N1}";
            if (oneUser)
                line += $" (**{Met(grain.TransactionsPerThousandWrites <= GroupCommitBenchmark.TargetTransactionsPerThousand)}**)";
            body.AppendLine(line + $"; the grains' own statistics: {writesPerFlush:N1} writes per flush over the whole run.");
        }

        body.AppendLine();
    }
}
