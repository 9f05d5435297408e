using System.Text.RegularExpressions;
using Actors.Api.Tests.Infrastructure;
using Actors.TestSupport.Catalog;
using Actors.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Actors.Api.Tests.Cluster;

/// <summary>
/// The catalog sync's reminder on a cluster of real <c>src/Silo</c> processes sharing PostgreSQL (membership, grain state,
/// reminders): every silo registers it at start (idempotently), yet each tick starts one run, on one silo, never two at
/// once; after that silo is killed with SIGKILL, the runs go on on the survivor.
/// </summary>
[Trait("Category", "Postgres")]
public sealed partial class CatalogReminderFailoverTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>
{
    [GeneratedRegex(@"Catalog sync default: run (\d+) started \(Reminder\) on silo (\S+)")]
    private static partial Regex RunStarted();

    [GeneratedRegex(@"Catalog sync default: run (\d+) ended (\w+)")]
    private static partial Regex RunEnded();

    [Fact]
    public async Task TheReminderRunsTheSyncOnOneSiloAtATime_AndAfterThatSiloIsKilled_OnAnother()
    {
        await using var discovery = await DiscoveryServer.StartAsync();
        discovery.SetCatalog(Enumerable.Range(0, 30).Select(i => new { key = $"course-v1:Fail+Over{i}+2026", marketing_url = $"https://mktg.test/{i}" }));
        var environment = new Dictionary<string, string>
        {
            ["Catalog__ApiUrl"] = discovery.ApiUrl.ToString(),
            ["Catalog__SyncPeriod"] = "00:00:02",
            ["Catalog__FirstSyncDelay"] = "00:00:01",
            ["Catalog__PageSize"] = "10",
            ["Actors__Reminders__MinimumReminderPeriod"] = "00:00:01",
        };
        var silos = new List<SiloProcess>();
        try
        {
            silos.Add(await SiloProcess.StartAsync("catalog-silo-1", database.ConnectionString, environment));
            silos.Add(await SiloProcess.StartAsync("catalog-silo-2", database.ConnectionString, environment));

            // Several ticks: every run started by the reminder is on one silo, and each ends before the next starts.
            await Eventually.Async(() => Task.FromResult(Runs(silos).Count >= 4), TimeSpan.FromSeconds(90));
            var before = Runs(silos);
            var owner = Assert.Single(before.Select(r => r.Silo).Distinct());
            AssertOneAtATime(silos);
            var victim = silos.Single(s => s.Name == owner);
            var survivor = silos.Single(s => s.Name != owner);
            output.WriteLine($"before the kill: runs {string.Join(", ", before.Select(r => r.Id))} on {owner}");

            victim.Kill();
            var killedAt = before.Max(r => r.Id);

            await Eventually.Async(() => Task.FromResult(Runs([survivor]).Count(r => r.Id > killedAt) >= 2), TimeSpan.FromSeconds(120));
            var after = Runs([survivor]).Where(r => r.Id > killedAt).ToList();
            output.WriteLine($"after the kill: runs {string.Join(", ", after.Select(r => r.Id))} on {survivor.Name}");
            Assert.All(after, r => Assert.Equal(survivor.Name, r.Silo));
            Assert.DoesNotContain(Runs([victim]), r => r.Id > killedAt); // the killed silo ran nothing more
            AssertOneAtATime([survivor]);
            Assert.Contains(RunEnded().Matches(survivor.Output), m => m.Groups[2].Value == "Succeeded");
            Assert.All(discovery.Requests, r => Assert.Equal("10", r.Query("page_size")));
        }
        finally
        {
            foreach (var silo in silos)
                await silo.DisposeAsync();
        }
    }

    private static List<(long Id, string Silo)> Runs(IEnumerable<SiloProcess> silos) =>
        silos.SelectMany(s => RunStarted().Matches(s.Output).Select(m => (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value)))
            .OrderBy(r => r.Item1)
            .ToList();

    /// <summary>In each silo's log, every run's start comes after the previous run's end, and run ids never repeat.</summary>
    private static void AssertOneAtATime(IEnumerable<SiloProcess> silos)
    {
        foreach (var silo in silos)
        {
            var events = RunStarted().Matches(silo.Output).Select(m => (m.Index, Start: true, Id: m.Groups[1].Value))
                .Concat(RunEnded().Matches(silo.Output).Select(m => (m.Index, Start: false, Id: m.Groups[1].Value)))
                .OrderBy(e => e.Index)
                .ToList();
            string? open = null;
            foreach (var e in events)
            {
                if (e.Start)
                {
                    Assert.True(open is null, $"{silo.Name}: run {e.Id} started while run {open} was running");
                    open = e.Id;
                }
                else
                {
                    Assert.Equal(open, e.Id);
                    open = null;
                }
            }
        }
    }
}
