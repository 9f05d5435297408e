using Actors.Runtime.Hosting;
using Actors.Runtime.Reminders;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Runtime.Tests.Reminders;

public sealed class ReminderTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private static Task<TestSilo> StartAsync(FakeTimeProvider time, IReminderTable? table = null) =>
        TestSilo.StartAsync(time, services: services =>
        {
            if (table is not null)
                services.AddSingleton(table);
        });

    [Fact]
    public async Task ReminderTicks_ArriveAtStartPlusMultiplesOfPeriod()
    {
        var time = new FakeTimeProvider();
        await using var silo = await StartAsync(time);
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<IReminderGrain>(probe.Id);
        var start = time.GetUtcNow() + TimeSpan.FromSeconds(30);
        await grain.Register("sync", TimeSpan.FromSeconds(30), Period);
        await probe.ExpectAsync("activate");

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(probe.TryPeek(out var early), $"ticked early: {early}");
        time.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectAsync($"tick sync {start:O}");
        for (var k = 1; k <= 3; k++)
        {
            await AdvanceUntilEventAsync(time, probe);
            await probe.ExpectAsync($"tick sync {start + k * Period:O}");
        }
    }

    [Fact]
    public async Task UnregisteredReminder_StopsTicking_AndLeavesTheTable()
    {
        var time = new FakeTimeProvider();
        var table = new MemoryReminderTable();
        await using var silo = await StartAsync(time, table);
        var probe = Probe.Create();
        var grain = silo.Grains.GetGrain<IReminderGrain>(probe.Id);
        await grain.Register("sync", TimeSpan.Zero, Period);
        await probe.ExpectAsync("activate");
        await probe.ExpectAsync($"tick sync {time.GetUtcNow():O}");

        await grain.Unregister("sync");
        time.Advance(Period * 3);
        await Task.Delay(50);

        Assert.False(probe.TryPeek(out var late), $"ticked after unregister: {late}");
        Assert.Empty(await table.ReadRowsAsync(((GrainReference)grain).GrainId, CancellationToken.None));
        Assert.Equal(0, silo.Services.GetRequiredService<ReminderService>().Count);
    }

    [Fact]
    public async Task PeriodBelowTheMinimum_IsRejected()
    {
        var time = new FakeTimeProvider();
        await using var silo = await StartAsync(time);
        var grain = silo.Grains.GetGrain<IReminderGrain>(Probe.Create().Id);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.Register("fast", TimeSpan.Zero, TimeSpan.FromSeconds(5)));
        Assert.Contains("MinimumReminderPeriod", error.Message);
    }

    [Fact]
    public async Task SiloRestart_DeliversOneTickMissedWhileDown_ThenResumesTheSchedule()
    {
        var time = new FakeTimeProvider();
        var table = new MemoryReminderTable();
        var probe = Probe.Create();
        var start = time.GetUtcNow();
        await using (var first = await StartAsync(time, table))
        {
            await first.Grains.GetGrain<IReminderGrain>(probe.Id).Register("sync", TimeSpan.Zero, Period);
            await probe.ExpectAsync("activate");
            await probe.ExpectAsync($"tick sync {start:O}");
        }

        await probe.ExpectAsync("deactivate ShuttingDown");
        time.Advance(Period * 3 + TimeSpan.FromSeconds(10)); // ticks 1, 2 and 3 are missed
        await using var second = await StartAsync(time, table);

        await probe.ExpectAsync("activate");
        await probe.ExpectAsync($"tick sync {start + 3 * Period:O}");
        await AdvanceUntilEventAsync(time, probe);
        await probe.ExpectAsync($"tick sync {start + 4 * Period:O}");
    }

    [Fact]
    public async Task ReminderRegisteredWithASiloConfiguredMinimum_Ticks()
    {
        var time = new FakeTimeProvider();
        await using var silo = await TestSilo.StartAsync(time, s => s.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)));
        var probe = Probe.Create();
        await silo.Grains.GetGrain<IReminderGrain>(probe.Id).Register("fast", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        await probe.ExpectAsync("activate");

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.StartsWith("tick fast", await probe.NextEventAsync());
    }

    // The next tick's timer is armed after the previous tick's call returns, on another thread.
    private static Task AdvanceUntilEventAsync(FakeTimeProvider time, Probe probe) =>
        Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return probe.TryPeek(out _);
        }, "the next reminder tick");
}
