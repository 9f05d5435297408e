using Actors.Grains.Storage;
using Actors.Grains.Students;

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
}
