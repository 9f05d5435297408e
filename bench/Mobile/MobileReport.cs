using Actors.Bench.Mobile;

namespace Actors.Bench;

/// <summary>The mobile section of the report: the mobile enrollments endpoint with the Catalog down.</summary>
internal sealed partial class BenchmarkReport
{
    public void AddMobile(MobileResult result, TimeSpan duration)
    {
        var body = _mobile.Body;
        body.AppendLine("**Mobile enrollments with the Catalog down.** `GET /api/mobile/v4/users/{username}/course_enrollments/` against the real");
        body.AppendLine("API: a child process started from src/Api's Release build (build the solution first: `dotnet build -c Release Actors.sln`),");
        body.AppendLine("Production environment, its embedded default (one co-hosted Orleans silo, SQLite in a throwaway folder), with");
        body.AppendLine($"`Catalog:ApiUrl` = `{result.CatalogUrl}`, a loopback port nothing listens on (checked before the run: connection refused).");
        body.AppendLine($"One learner with {result.Enrollments} active enrollments in {result.Enrollments} courses, all published and enrolled over the API; each course");
        body.AppendLine("has a start, an end, an image and a social sharing URL. Each row is the learner's request with the learner's token from");
        body.AppendLine($"{result.Connections} concurrent clients (connections, each sending GET and reading the whole body in a loop), warmed 1 s, then measured");
        body.AppendLine($"{duration.TotalSeconds:N0} s in {MobileEnrollmentsBenchmark.Rounds} slices taken in turn with the other rows'; every request's latency recorded (send to last body byte).");
        body.AppendLine("Baseline, same run, same client: the enrollment API's list of the same learner (`/api/enrollment/v1/enrollment?user=`,");
        body.AppendLine("one grain call, no course overviews). Each mobile request makes one learner-grain call and one course-grain call per");
        body.AppendLine("enrollment shown (the primary and the page's, in parallel); none calls the Catalog service.");
        body.AppendLine($"Target (issue 14; the seed's SLO is under 2 s): p99 ≤ {MobileResult.TargetP99Milliseconds:N0} ms.");
        body.AppendLine();
        body.AppendLine("| subject | connections | requests/s | p50 ms | p99 ms | ratio to baseline |");
        body.AppendLine("|---|---|---|---|---|---|");
        AppendRows(body, result.Results, milliseconds: true);
        foreach (var row in result.MobileRows)
        {
            var met = row.P99.TotalMilliseconds <= MobileResult.TargetP99Milliseconds;
            body.AppendLine($"- {row.Subject} ({result.BodyBytes[row.Subject]:N0} bytes): p99 **{row.P99.TotalMilliseconds:N2} ms**, target ≤ " +
                            $"{MobileResult.TargetP99Milliseconds:N0} ms **{(met ? "met" : "not met")}**; {row.PerSecond / result.Baseline.PerSecond:N2} × the baseline's requests/s.");
        }

        body.AppendLine();
    }
}
