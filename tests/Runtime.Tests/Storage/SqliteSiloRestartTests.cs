using Actors.Runtime.Hosting;
using Actors.Runtime.Reminders;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Runtime.Tests.Storage;

/// <summary>The embedded default's store: a silo restarted on the same SQLite file finds its state and reminders.</summary>
public sealed class SqliteSiloRestartTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"actors-restart-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task RestartedSilo_ReadsStateAndResumesRemindersFromTheFile()
    {
        var time = new FakeTimeProvider();
        var probe = Probe.Create();
        var period = TimeSpan.FromMinutes(1);
        var start = time.GetUtcNow();
        await using (var first = await TestSilo.StartAsync(time, silo => silo.UseSqlite(_path)))
        {
            await first.Grains.GetGrain<ICounterGrain>(probe.Id).Increment();
            Assert.Equal(2, await first.Grains.GetGrain<ICounterGrain>(probe.Id).Increment());
            await first.Grains.GetGrain<IReminderGrain>(probe.Id).Register("sync", TimeSpan.Zero, period);
            await probe.ExpectAsync("activate");
            await probe.ExpectAsync("activate");
            await probe.ExpectAsync($"tick sync {start:O}");
        }

        time.Advance(period * 2 + TimeSpan.FromSeconds(1));
        await using var second = await TestSilo.StartAsync(time, silo => silo.UseSqlite(_path));

        Assert.Equal(1, second.Services.GetRequiredService<ReminderService>().Count);
        Assert.Equal(2, await second.Grains.GetGrain<ICounterGrain>(probe.Id).Get());
        var events = new List<string>();
        while (events.Count < 6 && !events.Contains($"tick sync {start + 2 * period:O}"))
            events.Add(await probe.NextEventAsync());
        Assert.Contains($"tick sync {start + 2 * period:O}", events); // the one missed tick, delivered after the restart
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_path + suffix);
    }
}
