using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Actors.Grains.Courses.Content;

using static Actors.Bench.ApiHttp;

namespace Actors.Bench.Courses;

/// <summary>The navigation measurement of one course: one row per subject (the bare endpoint is the baseline).</summary>
/// <param name="Course">Which course.</param>
/// <param name="Blocks">Blocks in the course.</param>
/// <param name="NavigationBlocks">Blocks in the learner's navigation answer (course, chapters, sequentials, verticals).</param>
/// <param name="BodyBytes">Size of the learner's navigation body (and of the bare endpoint's).</param>
/// <param name="Completions">Blocks the learner has completed.</param>
/// <param name="Results">The rows.</param>
/// <param name="Costs">Processor time per request of each row.</param>
/// <param name="GrainCalls">Grain calls one learner request makes, per method.</param>
internal sealed record NavigationResult(string Course, int Blocks, int NavigationBlocks, int BodyBytes, int Completions, List<Measurement> Results,
    List<RequestCost> Costs, List<GrainCallCount> GrainCalls)
{
    public const double TargetRatio = 0.8;
    public const string LearnerRow = "navigation, enrolled learner";
    public const string InThisProcessRow = "bare Kestrel in the client's process (for comparison)";

    public double LearnerRatio =>
        Results.First(r => r.Subject == LearnerRow).PerSecond / Results.First(r => r.IsBaseline).PerSecond;

    /// <summary>The learner's requests/s against the bare endpoint running beside the client, in one process.</summary>
    public double LearnerRatioToInThisProcess =>
        Results.First(r => r.Subject == LearnerRow).PerSecond / Results.First(r => r.Subject == InThisProcessRow).PerSecond;
}

/// <summary>A course the navigation benchmark serves.</summary>
/// <param name="Name">How the report names it.</param>
/// <param name="CourseKey">Its key.</param>
/// <param name="Content">Its content.</param>
/// <param name="Completed">The blocks the learner completes.</param>
internal sealed record NavigationCourse(string Name, string CourseKey, CourseContent Content, List<ContentBlock> Completed);

/// <summary>
/// <c>GET /api/course_home/v1/navigation/{course_key}</c> over HTTP against the real API (a child process started from
/// src/Api's build output, embedded SQLite in a throwaway folder), 64 connections, warm course, next to a bare Kestrel
/// endpoint in this process answering a byte-for-byte copy of the same body, measured in the same run with the same
/// client. Two courses: a generated one of 505 blocks and the sample (samples/intro-course.json). Each is published over
/// the API, a learner enrolled over the API and given completions over the API, and the navigation read once (warm)
/// before measuring.
/// </summary>
internal static class NavigationHttpBenchmark
{
    public const string CourseKey = "course-v1:BenchX+Nav500+2026";
    public const string Learner = "bench-learner";
    public const int Connections = 64;

    /// <summary>The API's own cost without any grain call: the same route, the learner's token, a course key that does
    /// not parse (answered 400 with problem details before any grain is called).</summary>
    public const string NoGrainCallRow = "the API without grain calls: unparsable course key → 400 problem details";

    /// <summary>Each row's time is split into this many slices, taken in turn with the other rows', so drift on a shared
    /// machine affects every row alike.</summary>
    public const int Rounds = 2;

    /// <summary>4 chapters × 5 sequentials × 8 verticals, a problem and an html each: 505 blocks.</summary>
    public static CourseContent BuildCourse() => GeneratedCourse.Build(CourseKey, chapters: 4, sequentials: 5, verticals: 8);

    /// <summary>The blocks the learner completes in the generated course: the first chapter's problems and html blocks.</summary>
    public static List<ContentBlock> CompletedBlocks(CourseContent content) =>
        content.Blocks.Where(b => b.Id.Contains("block@p0_", StringComparison.Ordinal) || b.Id.Contains("block@h0_", StringComparison.Ordinal)).ToList();

    public static IEnumerable<NavigationCourse> Courses()
    {
        var generated = BuildCourse();
        if (Environment.GetEnvironmentVariable("NAV_ONLY_SAMPLE") is null) yield return new NavigationCourse("generated (4 chapters × 5 sequentials × 8 verticals, a problem and an html block each)", CourseKey, generated, CompletedBlocks(generated));
        var sample = JsonSerializer.Deserialize<CourseContent>(File.ReadAllBytes(Path.Combine(BenchmarkReport.RepositoryRoot(), "samples", "intro-course.json")))!;
        var sampleKey = "course-v1:" + sample.Blocks.Single(b => b.Type == "course").Id["block-v1:".Length..].Split("+type@")[0];
        yield return new NavigationCourse("samples/intro-course.json", sampleKey, sample, // the learner completes its first three components
            sample.Blocks.Where(b => b.Type is "html" or "video" or "problem").Take(3).ToList());
    }

    public static async Task<List<NavigationResult>> RunAsync(TimeSpan duration)
    {
        var assembly = ApiChildProcess.AssemblyPath();
        var workingDirectory = Directory.CreateTempSubdirectory("actors-bench-api-").FullName;
        await using var api = await ApiChildProcess.StartAsync(assembly, workingDirectory);
        Console.WriteLine($"  API: {assembly} (pid {api.ProcessId}) at {api.BaseAddress}, working directory {workingDirectory}");
        var adminToken = await api.MintTokenAsync("bench-admin", administrator: true);
        var learnerToken = await api.MintTokenAsync(Learner, administrator: false);
        using var admin = Client(api.BaseAddress, adminToken);
        using var learner = Client(api.BaseAddress, learnerToken);

        var results = new List<NavigationResult>();
        foreach (var course in Courses())
            results.Add(await RunCourseAsync(api, course, admin, learner, adminToken, learnerToken, duration));
        return results;
    }

    private static async Task<NavigationResult> RunCourseAsync(ApiChildProcess api, NavigationCourse course, HttpClient admin, HttpClient learner,
        string adminToken, string learnerToken, TimeSpan duration)
    {
        var path = "/api/course_home/v1/navigation/" + course.CourseKey;
        await ExpectAsync(HttpStatusCode.Accepted, admin.PostAsync($"/api/courses/v1/{course.CourseKey}/publish",
            new ByteArrayContent(GeneratedCourse.ToJson(course.Content)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }));
        await ExpectAsync(HttpStatusCode.OK, admin.PostAsync("/api/enrollment/v1/enrollment", Json(
            $$$"""{"user": "{{{Learner}}}", "mode": "audit", "is_active": true, "course_details": {"course_id": "{{{course.CourseKey}}}"}}""")));
        foreach (var block in course.Completed)
            await ExpectAsync(HttpStatusCode.OK, learner.PostAsync($"/courses/{course.CourseKey}/xblock/{block.Id}/handler/publish_completion", Json("""{"completion": 1.0}""")));

        var (body, etag, contentType) = await WarmNavigationAsync(learner, path);
        var navigationBlocks = CountNavigationBlocks(body);
        Console.WriteLine($"  course {course.Name}: {course.Content.Blocks.Count} blocks, navigation body {body.Length:N0} bytes ({navigationBlocks} blocks), " +
                          $"learner with {course.Completed.Count} completions, ETag {etag}");
        var grainCalls = await GrainCallsPerRequest.CountAsync(admin, learner, path);
        Console.WriteLine($"  grain calls per learner request: {string.Join(", ", grainCalls.Select(c => $"{c.Method} {c.PerRequest:N2}"))}");

        await using var bare = await BareEndpoint.StartAsync(body, contentType);
        await using var bareHere = await BareEndpoint.StartInThisProcessAsync(body, contentType);
        var navigation = new Uri(api.BaseAddress, path);
        HttpLoad[] loads =
        [
            new("bare Kestrel in its own process, precomputed body (baseline)", new Uri(bare.BaseAddress, path), Bearer(learnerToken), HttpStatusCode.OK, body.Length, Connections,
                bare.ProcessId),
            new(NavigationResult.LearnerRow, navigation, Bearer(learnerToken), HttpStatusCode.OK, body.Length, Connections, api.ProcessId),
            new("navigation, staff (no enrollment or completion reads)", navigation, Bearer(adminToken), HttpStatusCode.OK, null, Connections, api.ProcessId),
            new("navigation, learner, If-None-Match → 304 (no body)", navigation,
                request => { Bearer(learnerToken)(request); request.Headers.TryAddWithoutValidation("If-None-Match", etag); },
                HttpStatusCode.NotModified, null, Connections, api.ProcessId),
            new(NoGrainCallRow, new Uri(api.BaseAddress, "/api/course_home/v1/navigation/not-a-course-key"), Bearer(learnerToken),
                HttpStatusCode.BadRequest, null, Connections, api.ProcessId),
            new(NavigationResult.InThisProcessRow, new Uri(bareHere.BaseAddress, path), Bearer(learnerToken), HttpStatusCode.OK, body.Length, Connections),
        ];
        await HttpLoad.MeasureInTurnsAsync(loads, duration, Rounds);

        var results = loads.Select(load => load.Result()).ToList();
        var costs = loads.Select(load => load.Cost()).ToList();
        foreach (var load in loads)
            load.Dispose();
        return new NavigationResult(course.Name, course.Content.Blocks.Count, navigationBlocks, body.Length, course.Completed.Count, results, costs, grainCalls);
    }

    private static int CountNavigationBlocks(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("blocks").EnumerateObject().Count();
    }

    private static async Task<(byte[] Body, string ETag, string ContentType)> WarmNavigationAsync(HttpClient learner, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await learner.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK
                && response.Headers.TryGetValues("X-Block-Structure-Version", out var versions) && versions.First() == "1")
            {
                var body = await response.Content.ReadAsByteArrayAsync();
                if (body.Length < 100)
                    throw new InvalidOperationException($"The learner's navigation is {Encoding.UTF8.GetString(body)}: not enrolled?");
                return (body, response.Headers.ETag!.ToString(), response.Content.Headers.ContentType!.ToString());
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"Navigation answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(50);
        }
    }
    private static Action<HttpRequestMessage> Bearer(string token) =>
        request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
