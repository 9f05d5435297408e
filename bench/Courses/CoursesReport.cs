using System.Globalization;
using Actors.Bench.Courses;

namespace Actors.Bench;

/// <summary>The courses section of the report: navigation over HTTP, collect, staleness.</summary>
internal sealed partial class BenchmarkReport
{
    public void AddNavigation(List<NavigationResult> results, TimeSpan duration, List<NavigationStep> steps)
    {
        var body = _courses.Body;
        body.AppendLine("**Navigation over HTTP.** `GET /api/course_home/v1/navigation/{course_key}` against the real API: a child process");
        body.AppendLine("started from src/Api's Release build (so build the solution first: `dotnet build -c Release Actors.sln`), Production");
        body.AppendLine("environment, its embedded default (the API process co-hosts the one Orleans silo), SQLite in a throwaway folder. Warm course: published, a learner enrolled and given completions,");
        body.AppendLine($"all over the API, and the navigation read once before measuring. {NavigationHttpBenchmark.Connections} connections from one in-process client");
        body.AppendLine($"(SocketsHttpHandler, {NavigationHttpBenchmark.Connections} tasks each sending GET and reading the whole body); each row warmed 1 s, then measured");
        body.AppendLine($"{duration.TotalSeconds:N0} s in {NavigationHttpBenchmark.Rounds} slices taken in turn with the other rows' (so drift on the machine hits all rows alike), every");
        body.AppendLine("request's latency recorded (send to last body byte). Baseline: a bare Kestrel endpoint (in the benchmark harness, not");
        body.AppendLine("in the product) in a process of its own, as the API is, answering a byte-for-byte copy of the learner's navigation");
        body.AppendLine("body with the same content type on the API's route template, sent the same requests as the learner row (same path,");
        body.AppendLine("same bearer token, ignored); same run, same client. The API, the bare endpoint and the client share the machine's");
        body.AppendLine("cores. The last row runs the same bare endpoint inside the client's process instead: one process sharing one thread");
        body.AppendLine("pool serves faster on 2 cores than two processes do, so it is shown, but the like-for-like baseline is the first row.");
        body.AppendLine("The row before it sends the learner's request with a course key that does not parse: the API answers 400 with problem");
        body.AppendLine("details before calling any grain, so it shows the API's own cost per request (authentication, routing, an error");
        body.AppendLine("body) without Orleans.");
        body.AppendLine($"Target: the enrolled learner's requests/s ≥ {NavigationResult.TargetRatio:N1} × the bare endpoint's.");
        body.AppendLine();
        foreach (var result in results)
        {
            body.AppendLine($"Course {result.Course}: {result.Blocks:N0} blocks; the learner's navigation lists {result.NavigationBlocks:N0} of them in " +
                            $"{result.BodyBytes:N0} bytes; the learner has completed {result.Completions} blocks.");
            body.AppendLine();
            body.AppendLine("| subject | connections | requests/s | p50 ms | p99 ms | ratio to baseline |");
            body.AppendLine("|---|---|---|---|---|---|");
            AppendRows(body, result.Results, milliseconds: true);
            var ratio = result.LearnerRatio;
            body.AppendLine($"Enrolled learner / bare: **{ratio:N2}, {Met(ratio >= NavigationResult.TargetRatio)}** " +
                            $"(against the bare endpoint in the client's process: {result.LearnerRatioToInThisProcess:N2}); {BeforeTheMove.Runtime}: " +
                            $"{(result.Blocks > 100 ? BeforeTheMove.NavigationGenerated : BeforeTheMove.NavigationSample)}.");
            body.AppendLine();
            body.AppendLine($"Grain calls one learner request makes (the API's own grain call statistics, `GET /admin/api/grains`, before and after " +
                            $"{GrainCallsPerRequest.Requests} requests sent one at a time): " +
                            string.Join(", ", result.GrainCalls.Select(c => $"`{c.Method}` {c.PerRequest:N2}")) +
                            $"; {result.GrainCalls.Sum(c => c.PerRequest):N2} in all.");
            body.AppendLine();
            body.AppendLine("Processor time (user + system, from the OS) per request, same measurements: the client is the benchmark process;");
            body.AppendLine("the server is the API's process or the bare endpoint's.");
            body.AppendLine();
            body.AppendLine("| subject | client CPU µs/request | server CPU µs/request |");
            body.AppendLine("|---|---|---|");
            foreach (var cost in result.Costs)
                body.AppendLine($"| {cost.Subject} | {cost.ClientMicroseconds:N1} | {cost.ServerMicroseconds?.ToString("N1") ?? "(in the client's)"} |");
            body.AppendLine();
        }

        body.AppendLine("Where a navigation request's time goes outside HTTP (the generated course, same learner and completions, an");
        body.AppendLine("Orleans silo in the benchmark process built as the API's embedded one, memory storage, calls through the silo's grain");
        body.AppendLine("factory as the API's handler makes them; each step of the handler alone, one caller; median of 7 batch means):");
        body.AppendLine();
        body.AppendLine("| step | µs per call | bytes allocated per call |");
        body.AppendLine("|---|---|---|");
        foreach (var step in steps)
            body.AppendLine($"| {step.Step} | {step.Time.TotalMicroseconds.ToString("N1", CultureInfo.InvariantCulture)} | {step.AllocatedBytes:N0} |");
        body.AppendLine();
    }

    public void AddCollect(CollectResult result)
    {
        var body = _courses.Body;
        var timeMet = result.Median.TotalMilliseconds <= CollectResult.TargetMilliseconds && result.Max.TotalMilliseconds <= CollectResult.TargetMilliseconds;
        var memoryMet = result.StructureMegabytes <= CollectResult.TargetMegabytes;
        body.AppendLine($"**Collect.** `CourseCollector.Collect` of a generated {result.Blocks:N0}-block course (20 chapters × 10 sequentials × 16");
        body.AppendLine($"verticals, each with a ~800-character multiple-choice problem and an html block, plus 179 html blocks; {result.Problems:N0} problems");
        body.AppendLine($"whose OLX is parsed for max scores), on one thread after 5 warm-up collects, {result.Runs} timed. Memory: managed heap growth");
        body.AppendLine("after a full compacting GC from holding one collected structure, the content alive in both measurements (the");
        body.AppendLine("structure shares the content's usage-key strings and children lists, as in the course grain).");
        body.AppendLine();
        body.AppendLine("| measure | figure | target | |");
        body.AppendLine("|---|---|---|---|");
        body.AppendLine($"| collect time, median of {result.Runs} (min – max) | {Ms(result.Median)} ms ({Ms(result.Min)} – {Ms(result.Max)}) | " +
                        $"≤ {CollectResult.TargetMilliseconds:N0} ms | {(timeMet ? "met" : "not met")} |");
        body.AppendLine($"| memory of the collected structure | {result.StructureMegabytes:N2} MB ({result.StructureBytes / (double)result.Blocks:N0} bytes/block) | " +
                        $"≤ {CollectResult.TargetMegabytes:N0} MB | {(memoryMet ? "met" : "not met")} |");
        body.AppendLine($"| (for scale: the published content itself) | {result.ContentBytes / 1024.0 / 1024.0:N2} MB | | |");
        body.AppendLine();
        body.AppendLine($"The collect does not touch the actor runtime; {BeforeTheMove.Runtime}: {BeforeTheMove.Collect}.");
        body.AppendLine();
    }

    public void AddStaleness(StalenessResult result)
    {
        var body = _courses.Body;
        body.AppendLine($"**Staleness after a publish.** An Orleans silo in the benchmark process (built as the API's embedded one: Open edX");
        body.AppendLine($"grains, the product's call statistics filter; memory storage) with a warm {result.Blocks:N0}-block course (the collect benchmark's);");
        body.AppendLine($"{result.Readers} reader loops call `ICourseGrain.GetStructureAsync()` through the silo's grain factory back to back, each read timed.");
        body.AppendLine("Each round publishes version N+1 with `PublishAsync` (content stored, overview updated, rebuild scheduled); T = the moment");
        body.AppendLine("that call returns. *Every reader has it* = the latest, over the readers, of the end of that reader's first read returning");
        body.AppendLine("N+1, minus T. *Last stale start* = the start of the last read that still returned N, minus T: every read started later");
        body.AppendLine("returned N+1. *Rebuild* = the collect as the grain timed it in that round (under the readers' load); the rebuild also");
        body.AppendLine($"waits {result.SettleTime.TotalMilliseconds:N0} ms (`Actors:Courses:RebuildSettleTime`) for more publishes first. One warm-up round, then");
        body.AppendLine($"{result.Rounds.Count} measured. Target: staleness ≤ collect time + {StalenessResult.TargetMarginMilliseconds:N0} ms.");
        body.AppendLine();
        body.AppendLine("| version | publish call ms | every reader has it, ms after T | last stale start, ms after T | rebuild (collect) ms | target: rebuild + 50 ms | reads after T | reads going back |");
        body.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var round in result.Rounds)
        {
            var target = round.Rebuild.TotalMilliseconds + StalenessResult.TargetMarginMilliseconds;
            body.AppendLine($"| {round.Version} | {Ms(round.Publish)} | {Ms(round.EveryReader)} | {Ms(round.LastStaleStart)} | {Ms(round.Rebuild)} | " +
                            $"{target.ToString("N1", CultureInfo.InvariantCulture)} ({(round.EveryReader.TotalMilliseconds <= target ? "met" : "not met")}) | " +
                            $"{round.Reads:N0} | {round.BackwardsReads} |");
        }

        var median = StalenessResult.Median(result.Rounds.Select(r => r.EveryReader));
        var max = result.Rounds.Max(r => r.EveryReader);
        var idleTarget = result.IdleCollect.TotalMilliseconds + StalenessResult.TargetMarginMilliseconds;
        body.AppendLine();
        body.AppendLine($"Every reader has the new version **{Ms(median)} ms** (median; max {Ms(max)} ms) after the publish call returns; the");
        body.AppendLine($"same course collects in {Ms(result.IdleCollect)} ms with no readers (median, same run), so the target against that is");
        body.AppendLine($"{idleTarget.ToString("N1", CultureInfo.InvariantCulture)} ms: **{(max.TotalMilliseconds <= idleTarget ? "met" : median.TotalMilliseconds <= idleTarget ? "met by the median, not by the max" : "not met")}**; " +
                        $"against each round's own rebuild time: **{(result.MeetsTargetEveryRound ? "met in every round" : "not met in every round")}**.");
        body.AppendLine("Open edX, for comparison: 30 s (`COURSE_PUBLISH_TASK_DELAY`) before the block-structure rebuild even starts; up to");
        body.AppendLine("3,600 s for the navigation sidebar before openedx-platform PR #38785 (a sidebar read inside that 30 s window cached the");
        body.AppendLine("stale tree under the new course version for the sidebar cache's 1 h timeout).");
        body.AppendLine($"For comparison, {BeforeTheMove.Runtime}: {BeforeTheMove.Staleness}.");
        body.AppendLine();
    }

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture);
}
