using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Bench.Courses;

using static Actors.Bench.ApiHttp;

namespace Actors.Bench.Mobile;

/// <summary>The mobile enrollments measurement: one row per subject (the enrollment API's list is the baseline).</summary>
/// <param name="Enrollments">Active enrollments of the learner (each in a published course).</param>
/// <param name="CatalogUrl">The <c>Catalog:ApiUrl</c> the API ran with (nothing listens there).</param>
/// <param name="Connections">Concurrent clients (connections) per row.</param>
/// <param name="Results">The rows.</param>
/// <param name="BodyBytes">Each row's body size.</param>
internal sealed record MobileResult(int Enrollments, string CatalogUrl, int Connections, List<Measurement> Results, Dictionary<string, int> BodyBytes)
{
    public const double TargetP99Milliseconds = 50;

    public IEnumerable<Measurement> MobileRows => Results.Where(r => !r.IsBaseline);

    public Measurement Baseline => Results.First(r => r.IsBaseline);
}

/// <summary>
/// <c>GET /api/mobile/v4/users/{username}/course_enrollments/</c> over HTTP against the real API (a child process started
/// from src/Api's build output, Production environment, embedded SQLite in a throwaway folder) with the Catalog service
/// down: <c>Catalog:ApiUrl</c> points at a loopback port nothing listens on (checked: connection refused). A learner is
/// enrolled, over the API, in 100 courses published over the API. Concurrent clients send the learner's request with
/// the learner's token; the same-run baseline is the enrollment API's list of the same learner
/// (<c>/api/enrollment/v1/enrollment?user=</c>, one grain call, no overviews). Rows are interleaved in slices so drift on
/// the machine hits them alike.
/// </summary>
internal static class MobileEnrollmentsBenchmark
{
    public const string Learner = "bench-mobile-learner";
    public const int Courses = 100;
    public const int Connections = 16;
    public const int Rounds = 2;

    public const string BaselineRow = "enrollment API list, same learner (baseline)";

    public static async Task<MobileResult> RunAsync(TimeSpan duration)
    {
        var catalogPort = ApiChildProcess.FreePort();
        var catalogUrl = $"http://127.0.0.1:{catalogPort}/api/v1";
        await AssertNothingListensAsync(catalogPort);
        var assembly = ApiChildProcess.AssemblyPath();
        var workingDirectory = Directory.CreateTempSubdirectory("actors-bench-mobile-").FullName;
        await using var api = await ApiChildProcess.StartAsync(assembly, workingDirectory, new Dictionary<string, string>
        {
            ["Catalog__ApiUrl"] = catalogUrl,
            ["Catalog__ApiToken"] = "unused",
            ["Lms__RootUrl"] = "https://lms.example.org",
        });
        Console.WriteLine($"  API: {assembly} (pid {api.ProcessId}) at {api.BaseAddress}; Catalog:ApiUrl {catalogUrl} (connection refused)");
        var adminToken = await api.MintTokenAsync("bench-admin", administrator: true);
        var learnerToken = await api.MintTokenAsync(Learner, administrator: false);
        using var admin = Client(api.BaseAddress, adminToken);

        for (var i = 0; i < Courses; i++)
        {
            var key = $"course-v1:MobileX+C{i:D3}+2026";
            await ExpectAsync(HttpStatusCode.Accepted, admin.PostAsync($"/api/courses/v1/{key}/publish", Json(Course(key, i))));
            await ExpectAsync(HttpStatusCode.OK, admin.PostAsync("/api/enrollment/v1/enrollment", Json(
                $$$"""{"user": "{{{Learner}}}", "mode": "verified", "is_active": true, "course_details": {"course_id": "{{{key}}}"}}""")));
        }

        var mobile = $"/api/mobile/v4/users/{Learner}/course_enrollments/";
        (string Subject, string Path)[] subjects =
        [
            (BaselineRow, $"/api/enrollment/v1/enrollment?user={Learner}"),
            ("mobile enrollments, page 1 (default page size 5)", mobile),
            ("mobile enrollments, page 1, page_size=50 (the largest)", mobile + "?page_size=50"),
            ("mobile enrollments, last page (page=20)", mobile + "?page=20"),
        ];
        using var learner = Client(api.BaseAddress, learnerToken);
        var bodyBytes = new Dictionary<string, int>();
        foreach (var (subject, path) in subjects)
        {
            var body = await learner.GetByteArrayAsync(path);
            bodyBytes[subject] = body.Length;
            if (path.StartsWith(mobile, StringComparison.Ordinal))
                CheckMobileBody(body);
        }

        Action<HttpRequestMessage> bearer = request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", learnerToken);
        var loads = subjects.Select(s => new HttpLoad(s.Subject, new Uri(api.BaseAddress, s.Path), bearer, HttpStatusCode.OK, bodyBytes[s.Subject],
            Connections, api.ProcessId)).ToList();
        await HttpLoad.MeasureInTurnsAsync(loads, duration, Rounds);

        var results = loads.Select(load => load.Result()).ToList();
        foreach (var load in loads)
            load.Dispose();
        var result = new MobileResult(Courses, catalogUrl, Connections, results, bodyBytes);
        foreach (var row in result.MobileRows)
            Console.WriteLine($"  target p99 ≤ {MobileResult.TargetP99Milliseconds:N0} ms, {row.Subject}: p99 {row.P99.TotalMilliseconds:N2} ms, " +
                              $"{(row.P99.TotalMilliseconds <= MobileResult.TargetP99Milliseconds ? "met" : "not met")}; " +
                              $"{row.PerSecond / result.Baseline.PerSecond:N2} × the baseline's requests/s");
        return result;
    }

    /// <summary>A course with the fields the mobile course object shows.</summary>
    private static string Course(string key, int index)
    {
        var root = new JsonObject
        {
            ["id"] = "block-v1:" + key["course-v1:".Length..] + "+type@course+block@course",
            ["type"] = "course",
            ["display_name"] = $"Mobile course {index}",
            ["start"] = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(index).ToString("O"),
            ["children"] = new JsonArray(),
            ["course"] = new JsonObject
            {
                ["end"] = "2027-12-31T00:00:00Z",
                ["course_image"] = "images/course_card.jpg",
                ["social_sharing_url"] = $"https://share.example.org/{index}",
                ["self_paced"] = index % 2 == 0,
                ["language"] = "en",
            },
        };
        return new JsonObject { ["blocks"] = new JsonArray(root) }.ToJsonString();
    }

    private static void CheckMobileBody(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var count = document.RootElement.GetProperty("enrollments").GetProperty("count").GetInt32();
        if (count != Courses - 1 || !document.RootElement.TryGetProperty("primary", out _))
            throw new InvalidOperationException($"The mobile list counts {count} enrollments besides the primary; expected {Courses - 1}: {Encoding.UTF8.GetString(body)[..200]}");
    }

    private static async Task AssertNothingListensAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return;
        }

        throw new InvalidOperationException($"Something listens on 127.0.0.1:{port}; the Catalog must be down for this benchmark.");
    }
}
