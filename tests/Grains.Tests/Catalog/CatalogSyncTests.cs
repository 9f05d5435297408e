using System.Net.Http.Json;
using System.Text.Json;
using Actors.Grains.Catalog;
using Actors.TestSupport.Catalog;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Tests.Catalog;

/// <summary>The catalog sync against a loopback course-discovery server: paging, what is written and what is not,
/// failures mid-run, unparsable keys, CCX courses, publishes after a sync, and the grain's concurrency.</summary>
[Collection(CatalogSyncCollection.Name)]
public sealed class CatalogSyncTests(CatalogSilo silo)
{
    private static string NewCourse(string name = "C") => $"course-v1:CatX+{name}{Guid.NewGuid():N}+2026";

    private static object Row(string? key, string? marketingUrl, bool eligible = false, string? language = "fr-fr") => new Dictionary<string, object?>
    {
        ["key"] = key,
        ["uuid"] = Guid.NewGuid(),
        ["title"] = "Some run",
        ["marketing_url"] = marketingUrl,
        ["eligible_for_financial_aid"] = eligible,
        ["content_language"] = language,
        ["seats"] = new[] { new { type = "verified", price = "49.00", currency = "USD" } },
        ["a_field_added_later"] = new { nested = true },
    };

    private static List<object> Filler(int count) => Enumerable.Range(0, count).Select(i => Row(NewCourse("Elsewhere"), $"https://mktg.test/course/x{i}")).ToList();

    [Fact]
    public async Task EveryRowOfAMultiPageCatalog_IsApplied_AskingEachPageByNumberWithTheToken()
    {
        var here = Enumerable.Range(0, 5).Select(_ => NewCourse()).ToArray();
        foreach (var key in here)
            await silo.PublishAsync(key);
        var rows = Filler(250);
        int[] positions = [0, 99, 100, 199, 249]; // both ends of pages 1 and 2, the last row of page 3
        for (var i = 0; i < here.Length; i++)
            rows[positions[i]] = Row(here[i], $"https://mktg.test/course/{i}", eligible: false, language: "fr-fr");
        silo.Discovery.SetCatalog(rows);
        silo.Discovery.ClearRequests();

        var run = await silo.RunAsync();

        Assert.Equal(CatalogSyncRunState.Succeeded, run.State);
        Assert.Equal((3, 250, 5, 245, 5, 0, 0), (run.Pages, run.FoundInCatalog, run.Matched, run.NotFound, run.Updated, run.Skipped, run.Failures));
        for (var i = 0; i < here.Length; i++)
        {
            var overview = await silo.OverviewAsync(here[i]);
            Assert.Equal($"https://mktg.test/course/{i}", overview!.MarketingUrl);
            Assert.False(overview.EligibleForFinancialAid);
            Assert.Equal("fr-fr", overview.Language);
        }

        var requests = silo.Discovery.Requests;
        Assert.Equal(["1", "2", "3"], requests.Select(r => r.Query("page")));
        Assert.All(requests, r =>
        {
            Assert.StartsWith("/api/v1/course_runs/", r.PathAndQuery, StringComparison.Ordinal);
            Assert.Equal("100", r.Query("page_size"));
            Assert.Equal("1", r.Query("exclude_utm"));
            Assert.Equal($"Bearer {CatalogSilo.Token}", r.Authorization);
        });
    }

    [Fact]
    public async Task UnchangedValues_CauseNoWrites_AndMissingFieldsAreLeftAlone()
    {
        var key = NewCourse();
        await silo.PublishAsync(key, language: "en");
        silo.Discovery.SetCatalog([Row(key, "https://mktg.test/course/same", eligible: false, language: "de-de")]);
        var first = await silo.RunAsync();
        var afterFirst = await silo.OverviewAsync(key);

        var second = await silo.RunAsync();
        var afterSecond = await silo.OverviewAsync(key);
        // A row that leaves fields out changes nothing either.
        silo.Discovery.SetCatalog([new { key, title = "No catalog fields" }]);
        var third = await silo.RunAsync();

        Assert.Equal((1, 1), (first.Matched, first.Updated));
        Assert.Equal((1, 0), (second.Matched, second.Updated));
        Assert.Equal((1, 0), (third.Matched, third.Updated));
        Assert.Equal(afterFirst, afterSecond); // same Modified: not rewritten
        Assert.Equal(afterFirst, await silo.OverviewAsync(key));
        Assert.Equal(("https://mktg.test/course/same", false, "de-de"), (afterSecond!.MarketingUrl, afterSecond.EligibleForFinancialAid, afterSecond.Language));
    }

    public static TheoryData<DiscoveryFault> Faults => new(Enum.GetValues<DiscoveryFault>());

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task AFailureOnPage3_StopsTheRun_KeepsPages1And2_IsLogged_AndTheNextRunCompletes(DiscoveryFault fault)
    {
        var here = Enumerable.Range(0, 4).Select(_ => NewCourse()).ToArray();
        foreach (var key in here)
            await silo.PublishAsync(key);
        var rows = Filler(350); // 4 pages of 100
        for (var page = 0; page < 4; page++)
            rows[page * 100 + 25] = Row(here[page], $"https://mktg.test/{fault}/{page}");
        silo.Discovery.SetCatalog(rows);
        silo.Discovery.Fail(3, fault);
        var logged = silo.Logs.Entries.Count;

        CatalogSyncRun failed;
        try
        {
            failed = await silo.RunAsync();
        }
        finally
        {
            silo.Discovery.Heal();
        }

        Assert.Equal(CatalogSyncRunState.Failed, failed.State);
        Assert.Equal((2, 1, 200, 2), (failed.Pages, failed.Failures, failed.FoundInCatalog, failed.Updated));
        Assert.Contains("page=3", failed.Error, StringComparison.Ordinal);
        Assert.Equal("https://mktg.test/" + fault + "/0", (await silo.OverviewAsync(here[0]))!.MarketingUrl);
        Assert.Equal("https://mktg.test/" + fault + "/1", (await silo.OverviewAsync(here[1]))!.MarketingUrl);
        Assert.Null((await silo.OverviewAsync(here[2]))!.MarketingUrl);
        Assert.Null((await silo.OverviewAsync(here[3]))!.MarketingUrl);
        var errors = silo.Logs.Entries.Skip(logged).Where(e => e.Level == LogLevel.Error).ToList();
        Assert.Contains(errors, e => e.EventId.Id == 6200 && e.Message.Contains("page=3", StringComparison.Ordinal)
            && e.Message.Contains(fault == DiscoveryFault.ServerError ? "(status 500)" : fault == DiscoveryFault.Garbage ? "(status 200)" : "(status no response)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EventId.Id == 6213 && e.Message.Contains($"run {failed.Id} failed after 2 pages", StringComparison.Ordinal));

        var next = await silo.RunAsync();

        Assert.Equal(CatalogSyncRunState.Succeeded, next.State);
        Assert.Equal((4, 350, 2), (next.Pages, next.FoundInCatalog, next.Updated));
        for (var page = 0; page < 4; page++)
            Assert.Equal($"https://mktg.test/{fault}/{page}", (await silo.OverviewAsync(here[page]))!.MarketingUrl);
    }

    [Fact]
    public async Task UnparsableKeys_AreCountedLoggedAndSkipped_AndTheRunGoesOn()
    {
        var key = NewCourse();
        await silo.PublishAsync(key);
        silo.Discovery.SetCatalog(
        [
            Row("not a course key", "https://mktg.test/bad/1"),
            Row("course-v1:Org+Has Space+Run", "https://mktg.test/bad/2"),
            Row(null, "https://mktg.test/bad/3"),
            42,
            Row(key, "https://mktg.test/good"),
        ]);
        var logged = silo.Logs.Entries.Count;

        var run = await silo.RunAsync();

        Assert.Equal(CatalogSyncRunState.Succeeded, run.State);
        Assert.Equal((5, 4, 1, 1, 0), (run.FoundInCatalog, run.Skipped, run.Matched, run.Updated, run.NotFound));
        Assert.Equal("https://mktg.test/good", (await silo.OverviewAsync(key))!.MarketingUrl);
        Assert.Contains(silo.Logs.Entries.Skip(logged), e => e.EventId.Id == 6214 && e.Message.Contains("not a course key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CcxCoursesHere_TakeTheirParentsMarketingUrl_EvenWhenTheParentIsNotHere()
    {
        var parent = NewCourse("Parent");
        var ccx = parent.Replace("course-v1:", "ccx-v1:", StringComparison.Ordinal) + "+ccx@7";
        var orphanParent = NewCourse("Orphan");
        var orphanCcx = orphanParent.Replace("course-v1:", "ccx-v1:", StringComparison.Ordinal) + "+ccx@12";
        await silo.PublishAsync(parent);
        await silo.PublishAsync(ccx, language: "en");
        await silo.PublishAsync(orphanCcx);
        silo.Discovery.SetCatalog(
        [
            Row(parent, "https://mktg.test/course/parent", eligible: false, language: "es-es"),
            Row(ccx, "https://mktg.test/course/the-ccx-own-row", eligible: false, language: "pt-br"),
            Row(orphanParent, "https://mktg.test/course/orphan-parent"),
        ]);

        var run = await silo.RunAsync();

        Assert.Equal(CatalogSyncRunState.Succeeded, run.State);
        Assert.Equal((3, 3, 4), (run.FoundInCatalog, run.Matched, run.Updated));
        Assert.Equal("https://mktg.test/course/parent", (await silo.OverviewAsync(parent))!.MarketingUrl);
        var ccxOverview = (await silo.OverviewAsync(ccx))!;
        Assert.Equal("https://mktg.test/course/parent", ccxOverview.MarketingUrl); // the parent's, not its own row's
        Assert.Equal(("pt-br", false), (ccxOverview.Language, ccxOverview.EligibleForFinancialAid)); // its own row's other values
        Assert.Equal("https://mktg.test/course/orphan-parent", (await silo.OverviewAsync(orphanCcx))!.MarketingUrl);
    }

    [Fact]
    public async Task APublishAfterASync_KeepsTheSyncedValues()
    {
        var key = NewCourse();
        await silo.PublishAsync(key, title: "Before", language: "en");
        silo.Discovery.SetCatalog([Row(key, "https://mktg.test/course/kept", eligible: false, language: "fr-fr")]);
        await silo.RunAsync();

        await silo.PublishAsync(key, title: "After", language: "en");

        var overview = (await silo.OverviewAsync(key))!;
        Assert.Equal(("After", 2L), (overview.DisplayName, overview.PublishedVersion));
        Assert.Equal(("https://mktg.test/course/kept", false, "fr-fr"), (overview.MarketingUrl, overview.EligibleForFinancialAid, overview.Language));
    }

    [Fact]
    public async Task CatalogRowsOfCoursesNotHere_CallNoCourseGrain_AndACourseTold_StoresNothing()
    {
        var key = NewCourse();
        await silo.PublishAsync(key);
        silo.Discovery.SetCatalog([.. Filler(300), Row(key, "https://mktg.test/course/only-this")]);
        var callsBefore = silo.ApplyCalls();

        var run = await silo.RunAsync();

        Assert.Equal((301, 1, 300), (run.FoundInCatalog, run.Matched, run.NotFound));
        Assert.Equal(1, silo.ApplyCalls() - callsBefore);

        var absent = silo.Grains.GetGrain<Actors.Grains.Courses.ICourseGrain>(NewCourse("Absent"));
        Assert.Equal(CatalogApplyOutcome.NotHere, await absent.ApplyCatalogValuesAsync(new CatalogValues("https://x", false, "en", (CatalogFields)7)));
        Assert.Null(await absent.GetOverviewAsync());
    }

    [Fact]
    public async Task DuringARun_StatusReadsAnswer_AndAManualStartJoinsTheRun()
    {
        silo.Discovery.SetCatalog(Filler(150));
        silo.Discovery.Fail(2, DiscoveryFault.Hang);
        try
        {
            var start = await silo.Sync.StartAsync();
            await silo.Discovery.Hanging.WaitAsync(TimeSpan.FromSeconds(30));

            var status = await silo.Sync.GetStatusAsync();
            var again = await silo.Sync.StartAsync(CatalogSyncTrigger.Reminder);

            Assert.Equal(CatalogSyncStartOutcome.Started, start.Outcome);
            Assert.Equal(CatalogSyncRunState.Running, status.Current!.State);
            Assert.Equal(start.Run!.Id, status.Current.Id);
            Assert.Equal(start.Run.Id, status.RecentRuns[0].Id);
            Assert.Equal((CatalogSyncStartOutcome.Joined, start.Run.Id), (again.Outcome, again.Run!.Id));
            Assert.True(status.Enabled);
            Assert.Equal(CatalogSilo.PageSize, status.PageSize);
        }
        finally
        {
            silo.Discovery.Heal();
        }

        var ended = await silo.WaitForRunAsync((await silo.Sync.GetStatusAsync()).RecentRuns[0].Id);
        Assert.NotEqual(CatalogSyncRunState.Running, ended.State);
        Assert.Null((await silo.Sync.GetStatusAsync()).Current);
    }

    [Fact]
    public async Task TheLastTwentyRuns_AreKeptDurably_NewestFirst()
    {
        silo.Discovery.SetCatalog([]);
        var ids = new List<long>();
        for (var i = 0; i < 22; i++)
            ids.Add((await silo.RunAsync()).Id);
        await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero); // read back from storage

        var status = await silo.Sync.GetStatusAsync();

        Assert.Equal(20, status.RecentRuns.Count);
        Assert.Equal(ids.AsEnumerable().Reverse().Take(20), status.RecentRuns.Select(r => r.Id));
        Assert.All(status.RecentRuns, r => Assert.Equal((CatalogSyncRunState.Succeeded, 1), (r.State, r.Pages)));
    }

    [Fact]
    public async Task TheLoopbackCatalog_WithoutPage_FallsBackToLimitOffsetOf20_AsDiscoveryDoes()
    {
        silo.Discovery.SetCatalog(Filler(150));
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", CatalogSilo.Token);

        // Open edX's first request: no page, so page_size is ignored and the next link is limit/offset.
        var withoutPage = await http.GetFromJsonAsync<JsonElement>($"{silo.Discovery.ApiUrl}/course_runs/?page_size=100&exclude_utm=1");
        var withPage = await http.GetFromJsonAsync<JsonElement>($"{silo.Discovery.ApiUrl}/course_runs/?page=2&page_size=100&exclude_utm=1");

        Assert.Equal(20, withoutPage.GetProperty("results").GetArrayLength());
        Assert.Contains("limit=20&offset=20", withoutPage.GetProperty("next").GetString(), StringComparison.Ordinal);
        Assert.Equal(50, withPage.GetProperty("results").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, withPage.GetProperty("next").ValueKind);
        Assert.Contains("page=1", withPage.GetProperty("previous").GetString(), StringComparison.Ordinal);
    }
}
