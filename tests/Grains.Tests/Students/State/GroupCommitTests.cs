using Actors.Grains.Storage;
using Actors.Grains.Students;
using Actors.Grains.Students.State;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Students.State;

/// <summary>Group commit in <see cref="IStudentModuleGrain"/>: concurrent writes share transactions, each is acknowledged
/// only once durable, reads see durable state only, and a failed batch fails exactly its writes.</summary>
public sealed class GroupCommitTests
{
    private const string Seq = "block-v1:Org+Course+Run+type@sequential+block@s1";
    private const string P1 = "block-v1:Org+Course+Run+type@problem+block@p1";

    private static string Unit(int i) => $"block-v1:Org+Course+Run+type@vertical+block@u{i}";

    private static Task<TestSilo> StartAsync(IStudentStore store, TimeSpan? window = null, int maxBatch = 256, TimeSpan? commitWindow = null) =>
        TestSilo.StartAsync(services: s => s.AddStudentStore(store).Configure<StudentStateOptions>(o =>
        {
            o.FlushWindow = window ?? o.FlushWindow;
            o.MaxBatchSize = maxBatch;
            o.CommitWindow = commitWindow ?? o.CommitWindow;
        }));

    [Fact]
    public async Task SixtyFourConcurrentWriters_AllAcknowledgedWritesStored_InFarFewerTransactions()
    {
        var store = new MemoryStudentStore();
        // A batch closes when 64 writes are in or after 1 s, so the test does not depend on how fast calls arrive.
        await using var silo = await StartAsync(store, TimeSpan.FromSeconds(1), maxBatch: 64);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        // Concurrent unit loads: each writes its own unit and its own field of the shared sequence and problem.
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => grain.SetStatesAsync(new Dictionary<string, string>
        {
            [Unit(i)] = $$"""{"seen": {{i}}}""",
            [Seq] = $$"""{"f{{i}}": {{i}}}""",
            [P1] = $$"""{"a{{i}}": true}""",
        })));

        var stats = await grain.GetWriteStatisticsAsync();
        var rows = (await store.LoadStudentModulesAsync("alice", "course-v1:Org+Course+Run", CancellationToken.None)).ToDictionary(r => r.UsageKey);
        Assert.Equal(66, rows.Count);
        Assert.All(Enumerable.Range(0, 64), i => Assert.Equal($$"""{"seen":{{i}}}""", rows[Unit(i)].State));
        Assert.Equal(64, StateJson(rows[Seq].State).Count);
        Assert.Equal(64, StateJson(rows[P1].State).Count);
        Assert.Equal(64, (await store.LoadStudentModuleHistoryAsync("alice", "course-v1:Org+Course+Run", P1, CancellationToken.None)).Count);
        Assert.Equal((64L, 0L, 0L), (stats.Writes, stats.FailedFlushes, stats.FailedWrites));
        Assert.InRange(stats.Flushes, 1, 8);
    }

    [Fact]
    public async Task ReadWhileTheStoreHoldsABatch_IsNotBlocked_AnswersTheDurableState_ThenTheNewOneOnceAcknowledged()
    {
        var store = new GatedStudentStore();
        await using var silo = await StartAsync(store);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        var first = grain.SetStateAsync(Seq, """{"position": 1}""");
        await store.CommitNextBatchAsync();
        await first;

        var pending = grain.SetStateAsync(Seq, """{"position": 2}""");
        var held = await store.NextBatchAsync();
        var duringFlush = await grain.GetStateAsync(Seq);
        var manyDuringFlush = await grain.GetStatesAsync([Seq]);
        var pendingBeforeCommit = pending.IsCompleted;
        held.Commit();
        await pending;

        Assert.False(pendingBeforeCommit);
        Assert.Equal("""{"position":1}""", duringFlush!.State);
        Assert.Equal("""{"position":1}""", Assert.Single(manyDuringFlush).State);
        Assert.Equal("""{"position":2}""", (await grain.GetStateAsync(Seq))!.State);
    }

    [Fact]
    public async Task FailedBatch_FailsExactlyItsWrites_AndNeitherMemoryNorTheNextBatchKeepsTheirData()
    {
        var store = new GatedStudentStore();
        await using var silo = await StartAsync(store, TimeSpan.Zero);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        var durable = grain.SetStateAsync(Seq, """{"position": 1}""");
        await store.CommitNextBatchAsync();
        await durable;

        var failing = grain.SetStateAsync(Seq, """{"position": 2, "lost": true}""");
        var held = await store.NextBatchAsync(); // in the store: writes from now on form the next batch
        var next = grain.SetStateAsync(Seq, """{"seen": true}""");
        held.Fail();
        await Assert.ThrowsAsync<StorageException>(() => failing);
        var nextBatch = await store.NextBatchAsync();
        nextBatch.Commit();
        await next;

        Assert.Equal("""{"position":1,"seen":true}""", Assert.Single(nextBatch.Rows).State);
        Assert.Equal("""{"position":1,"seen":true}""", (await grain.GetStateAsync(Seq))!.State);
        var stats = await grain.GetWriteStatisticsAsync();
        Assert.Equal((1L, 1L, 2L), (stats.FailedFlushes, stats.FailedWrites, stats.Writes));
    }

    [Fact]
    public async Task WritesArrivingWhileABatchIsInTheStore_JoinOneBatchFoldedOntoIt_WrittenRightAfterIt()
    {
        var store = new GatedStudentStore();
        await using var silo = await StartAsync(store);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        var first = grain.SetStateAsync(P1, """{"a": 1}""");
        var held = await store.NextBatchAsync();

        // While the first batch is in the store, three writes of the same blocks arrive (in any order).
        var second = grain.SetStateAsync(P1, """{"b": 2}""");
        var third = grain.SetStateAsync(Seq, """{"position": 1}""");
        var fourth = grain.SetStateAsync(P1, """{"c": 3}""");
        // Until all three are handed over (the first batch's write and theirs in flight, none pending): messages and
        // turns may come in any order, so a commit before that would let a late one form a batch of its own.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await grain.GetWriteStatisticsAsync() is not { PendingWrites: 0, InFlightWrites: 4 })
        {
            Assert.True(DateTime.UtcNow < deadline, "the three writes were not handed over");
            await Task.Delay(5);
        }

        var answeredBeforeCommit = second.IsCompleted || third.IsCompleted || fourth.IsCompleted;
        held.Commit();
        await first;
        var next = await store.NextBatchAsync();
        next.Commit();
        await Task.WhenAll(second, third, fourth);

        Assert.False(answeredBeforeCommit);
        var rows = next.Rows.ToDictionary(r => r.UsageKey);
        Assert.Equal(2, rows.Count); // one batch, one row per block, folded onto the first batch's row
        Assert.Equal("""{"a":1,"b":2,"c":3}""", rows[P1].State);
        Assert.Equal("""{"position":1}""", rows[Seq].State);
        var history = (await grain.GetStateHistoryAsync(P1))!.Select(h => h.State).ToList();
        Assert.Equal("""{"a":1,"b":2,"c":3}""", history[0]);
        Assert.Equal("""{"a":1}""", history[2]);
        Assert.Contains(history[1], new[] { """{"a":1,"b":2}""", """{"a":1,"c":3}""" });
        var stats = await grain.GetWriteStatisticsAsync();
        Assert.Equal((4L, 2L, 0L), (stats.Writes, stats.Flushes, stats.FailedWrites));
    }

    [Fact]
    public async Task BatchesQueuedBehindAFailedOne_AreNotWritten_TheirWritesFoldedAgainInOrderOntoTheStateBefore()
    {
        var store = new GatedStudentStore();
        await using var silo = await StartAsync(store, maxBatch: 1); // each write is a batch of its own
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        var durable = grain.SetStateAsync(Seq, """{"position": 1}""");
        await store.CommitNextBatchAsync();
        await durable;

        var failing = grain.SetStateAsync(Seq, """{"position": 2, "lost": true}""");
        var held = await store.NextBatchAsync();
        var second = grain.SetStateAsync(Seq, """{"position": 3}""");
        await grain.GetStateAsync(Seq); // the write, sent first, is queued behind the held batch by now
        var third = grain.SetStateAsync(Seq, """{"seen": true}""");
        await grain.GetStateAsync(Seq); // and this one behind it, folded onto it
        held.Fail();
        await Assert.ThrowsAsync<StorageException>(() => failing);
        var written = new List<GatedStudentStore.Gate>();
        while (!(second.IsCompleted && third.IsCompleted))
        {
            var next = store.NextBatchAsync();
            if (await Task.WhenAny(Task.WhenAll(second, third), next) == next)
            {
                written.Add(await next);
                written[^1].Commit();
            }
        }

        await Task.WhenAll(second, third);
        Assert.Equal(["""{"position":3}""", """{"position":3,"seen":true}"""], written.Select(g => Assert.Single(g.Rows).State));
        Assert.Equal("""{"position":3,"seen":true}""", (await grain.GetStateAsync(Seq))!.State);
        var stats = await grain.GetWriteStatisticsAsync();
        Assert.Equal((3L, 1L, 1L), (stats.Writes, stats.FailedFlushes, stats.FailedWrites));
    }

    [Fact]
    public async Task StoreFailing_WriteThrows_AndALaterReadShowsTheStateBefore()
    {
        var store = new FailingStudentStore();
        await using var silo = await StartAsync(store);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        await grain.SetStateAsync(P1, """{"attempts": 1}""");

        store.FailWrites = true;
        await Assert.ThrowsAsync<StorageException>(() => grain.SetStatesAsync(new Dictionary<string, string>
        {
            [P1] = """{"attempts": 2}""",
            [Seq] = """{"position": 4}""",
        }));
        await Assert.ThrowsAsync<StorageException>(() => grain.DeleteStateAsync(P1));
        store.FailWrites = false;

        Assert.Equal("""{"attempts":1}""", (await grain.GetStateAsync(P1))!.State);
        Assert.Null(await grain.GetStateAsync(Seq));
        Assert.Single((await grain.GetStateHistoryAsync(P1))!);
    }

    [Fact]
    public async Task ManyLearnersWritingAtOnce_ShareTransactions_EveryWriteStored()
    {
        var store = new FailingStudentStore();
        // The committer waits up to 1 s for more learners after the first batch, so the test does not depend on timing.
        await using var silo = await StartAsync(store, commitWindow: TimeSpan.FromSeconds(1));
        var grains = Enumerable.Range(0, 64).Select(i => silo.Grains.GetGrain<IStudentModuleGrain>($"learner{i}")).ToList();
        await Task.WhenAll(grains.Select(g => g.GetStateAsync(Seq))); // activated, context loaded

        await Task.WhenAll(grains.Select((g, i) => g.SetStateAsync(P1, $$"""{"attempts": {{i}}}""")));

        Assert.InRange(store.Transactions, 1, 8);
        for (var i = 0; i < grains.Count; i++)
        {
            Assert.Equal($$"""{"attempts":{{i}}}""", (await grains[i].GetStateAsync(P1))!.State);
            var stored = await store.LoadStudentModulesAsync($"learner{i}", "course-v1:Org+Course+Run", CancellationToken.None);
            Assert.Equal($$"""{"attempts":{{i}}}""", Assert.Single(stored).State);
            Assert.Single((await grains[i].GetStateHistoryAsync(P1))!);
            var stats = await grains[i].GetWriteStatisticsAsync();
            Assert.Equal((1L, 1L, 0L), (stats.Writes, stats.Flushes, stats.FailedWrites));
        }
    }

    [Fact]
    public async Task SharedTransactionFails_EveryIncludedWriteFails_AndLaterReadsShowNoneOfThem()
    {
        var store = new GatedStudentStore();
        await using var silo = await StartAsync(store, commitWindow: TimeSpan.FromSeconds(1));
        var grains = Enumerable.Range(0, 8).Select(i => silo.Grains.GetGrain<IStudentModuleGrain>($"learner{i}")).ToList();
        await Task.WhenAll(grains.Select(g => g.GetStateAsync(Seq)));

        var writes = grains.Select((g, i) => g.SetStatesAsync(new Dictionary<string, string>
        {
            [P1] = $$"""{"attempts": {{i}}}""",
            [Seq] = """{"position": 3}""",
        })).ToList();
        var held = await store.NextBatchAsync();
        held.Fail();

        foreach (var write in writes)
            await Assert.ThrowsAsync<StorageException>(() => write);
        Assert.Equal(16, held.Rows.Count); // all eight learners' rows were in the one failed transaction
        foreach (var grain in grains)
        {
            Assert.Null(await grain.GetStateAsync(P1));
            Assert.Null(await grain.GetStateAsync(Seq));
            Assert.Null(await grain.GetStateHistoryAsync(P1));
            var stats = await grain.GetWriteStatisticsAsync();
            Assert.Equal((0L, 1L, 1L), (stats.Writes, stats.FailedFlushes, stats.FailedWrites));
        }

        // The learners write again: the next shared transaction commits, and only the new writes are there.
        var retry = Task.WhenAll(grains.Select(g => g.SetStateAsync(Seq, """{"position": 4}""")));
        while (!retry.IsCompleted)
        {
            var next = store.NextBatchAsync();
            if (await Task.WhenAny(retry, next) == next)
                (await next).Commit();
        }

        await retry;
        foreach (var grain in grains)
        {
            Assert.Equal("""{"position":4}""", (await grain.GetStateAsync(Seq))!.State);
            Assert.Null(await grain.GetStateAsync(P1));
        }
    }

    [Fact]
    public async Task SiloShutdown_WithAWritePending_CommitsItBeforeTheGrainGoes()
    {
        var store = new MemoryStudentStore();
        var silo = await StartAsync(store, TimeSpan.FromSeconds(1));
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        await grain.SetStateAsync(Seq, """{"position": 1}"""); // activated, context loaded

        var pending = grain.SetStateAsync(Seq, """{"position": 2}""");
        await grain.GetStateAsync(Seq); // the write, sent first, is queued in the grain by now (its window is 1 s)
        await silo.DisposeAsync();

        // Orleans answers requests still running at shutdown with SiloUnavailableException (not acknowledged: the caller
        // must read back); the grain commits the batch before it deactivates all the same.
        await Task.WhenAny(pending);
        Assert.True(pending.IsCompletedSuccessfully || pending.Exception?.InnerException is SiloUnavailableException, pending.Exception?.ToString());
        var row = Assert.Single(await store.LoadStudentModulesAsync("alice", "course-v1:Org+Course+Run", CancellationToken.None));
        Assert.Equal("""{"position":2}""", row.State);
    }

    [Fact]
    public async Task StateWrites_InterleaveWithAnEnrollmentWaitingForTheStore()
    {
        var store = new GatedStudentStore { GateEnrollments = true };
        await using var silo = await StartAsync(store);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        var enrolling = grain.EnrollAsync("course-v1:Org+Course+Run", "audit", isActive: true);
        var heldEnrollment = await store.NextEnrollmentAsync();
        var setting = grain.SetStateAsync(Seq, """{"position": 5}""");
        await store.CommitNextBatchAsync();
        await setting; // acknowledged while the (non-interleaving) enrollment still waits in the store
        var enrollingBeforeRelease = enrolling.IsCompleted;
        heldEnrollment.Commit();
        await enrolling;

        Assert.False(enrollingBeforeRelease);
        Assert.Equal("""{"position":5}""", (await grain.GetStateAsync(Seq))!.State);
        Assert.True((await grain.GetEnrollmentAsync("course-v1:Org+Course+Run"))!.IsActive);
    }

    private static IReadOnlyDictionary<string, string> StateJson(string? state) =>
        System.Text.Json.JsonDocument.Parse(state!).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
}
