using Actors.Grains.Storage;
using Actors.Grains.Students;
using Actors.Grains.Students.State;

namespace Actors.Grains.Tests.Students;

/// <summary>The <see cref="IStudentStore"/> contract; each implementation's test class supplies the store.</summary>
public abstract class StudentStoreContract
{
    protected const string Course = "course-v1:Org+Course+Run";
    private const string Problem1 = "block-v1:Org+Course+Run+type@problem+block@p1";
    private const string Html1 = "block-v1:Org+Course+Run+type@html+block@h1";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, 123, 456, TimeSpan.Zero);

    /// <summary>A store over this test's data; a second call is a new store over the same data (a restart).</summary>
    protected abstract Task<IStudentStore> OpenAsync();

    [Fact]
    public async Task LoadEnrollments_NoRows_ReturnsEmpty()
    {
        var store = await OpenAsync();

        Assert.Empty(await store.LoadEnrollmentsAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task UpsertEnrollment_NewRow_IsStoredAndReturned()
    {
        var store = await OpenAsync();
        var enrollment = new Enrollment("alice", Course, "audit", true, T0);

        var stored = await store.UpsertEnrollmentAsync(enrollment, T0, CancellationToken.None);

        Assert.Equal(enrollment, stored);
        Assert.Equal([enrollment], await (await OpenAsync()).LoadEnrollmentsAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task UpsertEnrollment_ExistingRow_UpdatesModeAndActive_KeepsCreated()
    {
        var store = await OpenAsync();
        await store.UpsertEnrollmentAsync(new Enrollment("alice", Course, "audit", true, T0), T0, CancellationToken.None);

        var later = T0.AddDays(3);
        var stored = await store.UpsertEnrollmentAsync(new Enrollment("alice", Course, "verified", false, later), later, CancellationToken.None);

        var expected = new Enrollment("alice", Course, "verified", false, T0);
        Assert.Equal(expected, stored);
        Assert.Equal([expected], await (await OpenAsync()).LoadEnrollmentsAsync("alice", CancellationToken.None));
    }

    [Fact]
    public async Task LoadEnrollments_ReturnsOnlyThatUsersRows_ComparingUsernamesExactly()
    {
        var store = await OpenAsync();
        var alice = new[]
        {
            new Enrollment("alice", Course, "audit", true, T0),
            new Enrollment("alice", "course-v1:Org+Other+Run", "honor", false, T0.AddSeconds(1)),
        };
        foreach (var enrollment in alice)
            await store.UpsertEnrollmentAsync(enrollment, enrollment.Created, CancellationToken.None);
        await store.UpsertEnrollmentAsync(new Enrollment("Alice", Course, "audit", true, T0), T0, CancellationToken.None);
        await store.UpsertEnrollmentAsync(new Enrollment("bob", Course, "audit", true, T0), T0, CancellationToken.None);

        var loaded = await store.LoadEnrollmentsAsync("alice", CancellationToken.None);

        Assert.Equal(alice, loaded.OrderBy(e => e.Created));
    }

    [Fact]
    public async Task LoadCompletions_NoRows_ReturnsEmpty()
    {
        var store = await OpenAsync();

        Assert.Empty(await store.LoadCompletionsAsync("alice", Course, CancellationToken.None));
    }

    [Fact]
    public async Task UpsertCompletion_ThenLoad_RoundTripsEveryFieldExactly()
    {
        var store = await OpenAsync();
        var completions = new[]
        {
            new BlockCompletion(Problem1, "problem", 1.0 / 3.0, T0),
            new BlockCompletion(Html1, "html", 0.0, T0.AddTicks(10)),
        };
        foreach (var completion in completions)
            await store.UpsertCompletionAsync("alice", Course, completion, CancellationToken.None);

        var loaded = await (await OpenAsync()).LoadCompletionsAsync("alice", Course, CancellationToken.None);

        Assert.Equal(completions, loaded.OrderBy(c => c.Modified));
    }

    [Fact]
    public async Task UpsertCompletion_ExistingRow_ReplacesValueAndModified()
    {
        var store = await OpenAsync();
        await store.UpsertCompletionAsync("alice", Course, new BlockCompletion(Problem1, "problem", 0.5, T0), CancellationToken.None);

        var replacement = new BlockCompletion(Problem1, "problem", 1.0, T0.AddMinutes(1));
        await store.UpsertCompletionAsync("alice", Course, replacement, CancellationToken.None);

        Assert.Equal([replacement], await store.LoadCompletionsAsync("alice", Course, CancellationToken.None));
    }

    [Fact]
    public async Task LoadCompletions_ReturnsOnlyThatUserAndContext_ComparingKeysExactly()
    {
        var store = await OpenAsync();
        var mine = new BlockCompletion(Problem1, "problem", 1.0, T0);
        await store.UpsertCompletionAsync("alice", Course, mine, CancellationToken.None);
        await store.UpsertCompletionAsync("alice", "course-v1:org+course+run", new BlockCompletion("block-v1:org+course+run+type@html+block@x", "html", 1.0, T0), CancellationToken.None);
        await store.UpsertCompletionAsync("Alice", Course, new BlockCompletion(Html1, "html", 1.0, T0), CancellationToken.None);
        await store.UpsertCompletionAsync("bob", Course, new BlockCompletion(Html1, "html", 1.0, T0), CancellationToken.None);

        Assert.Equal([mine], await store.LoadCompletionsAsync("alice", Course, CancellationToken.None));
    }

    [Fact]
    public async Task Operations_CancelledToken_ThrowOperationCanceled()
    {
        var store = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.LoadEnrollmentsAsync("alice", cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.UpsertCompletionAsync("alice", Course, new BlockCompletion(Problem1, "problem", 1.0, T0), cancelled.Token));
        Assert.Empty(await store.LoadCompletionsAsync("alice", Course, CancellationToken.None));
    }

    private const string Library = "lib:Org:lib1";
    private const string LibProblem = "lb:Org:lib1:problem:lp1";

    private static StudentModuleRow Module(string usageKey, string? state, DateTimeOffset at, string context = Course, string type = "problem",
        double? grade = null, double? maxGrade = null) =>
        new(context, usageKey, type, state, grade, maxGrade, at, at);

    [Fact]
    public async Task LoadStudentModules_NoRows_ReturnsEmpty()
    {
        var store = await OpenAsync();

        Assert.Empty(await store.LoadStudentModulesAsync("alice", Course, CancellationToken.None));
    }

    [Fact]
    public async Task WriteStudentModules_ThenLoad_RoundTripsEveryFieldExactly()
    {
        var store = await OpenAsync();
        var rows = new[]
        {
            Module(Problem1, """{"score":{"raw_earned":1,"raw_possible":3},"name":"Héros ✓"}""", T0, grade: 1, maxGrade: 3),
            Module(Html1, "{}", T0.AddTicks(10), type: "html"),
            Module("block-v1:Org+Course+Run+type@video+block@v1", null, T0.AddTicks(20), type: "video", grade: 1.0 / 3.0),
        };

        await store.WriteStudentModulesAsync("alice", rows, [], CancellationToken.None);

        var loaded = await (await OpenAsync()).LoadStudentModulesAsync("alice", Course, CancellationToken.None);
        Assert.Equal(rows, loaded.OrderBy(r => r.Modified));
    }

    [Fact]
    public async Task WriteStudentModules_ExistingRow_ReplacesEverythingButCreated()
    {
        var store = await OpenAsync();
        await store.WriteStudentModulesAsync("alice", [Module(Problem1, """{"a":1}""", T0, grade: 0, maxGrade: 1)], [], CancellationToken.None);

        var later = T0.AddMinutes(5);
        await store.WriteStudentModulesAsync("alice", [Module(Problem1, """{"a":2}""", later, grade: 1, maxGrade: 1)], [], CancellationToken.None);

        var row = Assert.Single(await store.LoadStudentModulesAsync("alice", Course, CancellationToken.None));
        Assert.Equal(Module(Problem1, """{"a":2}""", later, grade: 1, maxGrade: 1) with { Created = T0 }, row);
    }

    [Fact]
    public async Task LoadStudentModules_ReturnsOnlyThatUserAndContext_ComparingKeysExactly()
    {
        var store = await OpenAsync();
        var mine = Module(Problem1, """{"a":1}""", T0);
        await store.WriteStudentModulesAsync("alice", [mine, Module(LibProblem, """{"b":1}""", T0, Library)], [], CancellationToken.None);
        await store.WriteStudentModulesAsync("Alice", [Module(Problem1, """{"c":1}""", T0)], [], CancellationToken.None);
        await store.WriteStudentModulesAsync("bob", [Module(Problem1, """{"d":1}""", T0)], [], CancellationToken.None);
        await store.WriteStudentModulesAsync("alice", [Module("block-v1:org+course+run+type@problem+block@p1", "{}", T0, "course-v1:org+course+run")], [],
            CancellationToken.None);

        Assert.Equal([mine], await store.LoadStudentModulesAsync("alice", Course, CancellationToken.None));
        Assert.Equal(LibProblem, Assert.Single(await store.LoadStudentModulesAsync("alice", Library, CancellationToken.None)).UsageKey);
    }

    [Fact]
    public async Task WriteStudentModules_History_IsReadNewestFirst_PerRow()
    {
        var store = await OpenAsync();
        var p2 = "block-v1:Org+Course+Run+type@problem+block@p2";
        await store.WriteStudentModulesAsync("alice", [Module(Problem1, """{"n":2}""", T0.AddSeconds(2)), Module(p2, """{"x":1}""", T0)],
        [
            new StudentModuleHistoryRow(Course, Problem1, """{"n":1}""", 0, 1, T0.AddSeconds(1)),
            new StudentModuleHistoryRow(Course, p2, """{"x":1}""", null, null, T0),
            new StudentModuleHistoryRow(Course, Problem1, """{"n":2}""", null, null, T0.AddSeconds(2)),
        ], CancellationToken.None);
        await store.WriteStudentModulesAsync("alice", [Module(Problem1, "{}", T0.AddSeconds(3))],
            [new StudentModuleHistoryRow(Course, Problem1, "{}", 1, 1, T0.AddSeconds(3))], CancellationToken.None);

        var history = await (await OpenAsync()).LoadStudentModuleHistoryAsync("alice", Course, Problem1, CancellationToken.None);

        Assert.Equal(
        [
            new StudentModuleHistoryRow(Course, Problem1, "{}", 1, 1, T0.AddSeconds(3)),
            new StudentModuleHistoryRow(Course, Problem1, """{"n":2}""", null, null, T0.AddSeconds(2)),
            new StudentModuleHistoryRow(Course, Problem1, """{"n":1}""", 0, 1, T0.AddSeconds(1)),
        ], history);
        Assert.Empty(await store.LoadStudentModuleHistoryAsync("bob", Course, Problem1, CancellationToken.None));
        Assert.Empty(await store.LoadStudentModuleHistoryAsync("alice", Course, Html1, CancellationToken.None));
    }

    [Fact]
    public async Task WriteStudentModules_ABatchLargerThanOneStatement_IsWrittenWhole()
    {
        var store = await OpenAsync();
        var rows = Enumerable.Range(0, 1234).Select(i => Module($"block-v1:Org+Course+Run+type@problem+block@p{i}", $$"""{"i":{{i}}}""", T0.AddTicks(i * 10)))
            .ToList();
        var history = rows.Select(r => new StudentModuleHistoryRow(r.ContextKey, r.UsageKey, r.State, null, null, r.Modified)).ToList();

        await store.WriteStudentModulesAsync("alice", rows, history, CancellationToken.None);

        Assert.Equal(1234, (await store.LoadStudentModulesAsync("alice", Course, CancellationToken.None)).Count);
        Assert.Single(await store.LoadStudentModuleHistoryAsync("alice", Course, rows[1000].UsageKey, CancellationToken.None));
    }

    [Fact]
    public async Task WriteStudentModules_ManyLearnersInOneTransaction_EachGetsExactlyItsRowsAndHistory()
    {
        var store = await OpenAsync();
        var alice = Module(Problem1, """{"a":1}""", T0, grade: 1, maxGrade: 2);
        var bob = Module(Problem1, """{"b":1}""", T0.AddTicks(10));
        var bobHtml = Module(Html1, "{}", T0.AddTicks(20), type: "html");

        await store.WriteStudentModulesAsync(
        [
            new LearnerStateBatch("alice", [alice], [new StudentModuleHistoryRow(Course, Problem1, alice.State, 1, 2, alice.Modified)]),
            new LearnerStateBatch("bob", [bob, bobHtml], [new StudentModuleHistoryRow(Course, Problem1, bob.State, null, null, bob.Modified)]),
        ], CancellationToken.None);

        var reopened = await OpenAsync();
        Assert.Equal([alice], await reopened.LoadStudentModulesAsync("alice", Course, CancellationToken.None));
        Assert.Equal([bob, bobHtml], (await reopened.LoadStudentModulesAsync("bob", Course, CancellationToken.None)).OrderBy(r => r.Modified));
        Assert.Equal([new StudentModuleHistoryRow(Course, Problem1, alice.State, 1, 2, alice.Modified)],
            await reopened.LoadStudentModuleHistoryAsync("alice", Course, Problem1, CancellationToken.None));
        Assert.Equal([new StudentModuleHistoryRow(Course, Problem1, bob.State, null, null, bob.Modified)],
            await reopened.LoadStudentModuleHistoryAsync("bob", Course, Problem1, CancellationToken.None));
    }
}
