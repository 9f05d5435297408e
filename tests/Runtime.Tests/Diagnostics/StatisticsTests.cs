using Actors.Runtime.Diagnostics;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;

namespace Actors.Runtime.Tests.Diagnostics;

public sealed class StatisticsTests
{
    [Fact]
    public async Task ManagementGrain_ReportsCallsFailuresAndActivationsPerGrainType()
    {
        await using var silo = await TestSilo.StartAsync();
        var grains = Enumerable.Range(0, 3).Select(_ => silo.Grains.GetGrain<ITurnGrain>(Probe.Create().Id)).ToList();
        foreach (var grain in grains)
        {
            await grain.Echo("a");
            await grain.Echo("b");
        }

        await Assert.ThrowsAnyAsync<ArgumentException>(() => grains[0].Throw("boom"));

        var silos = await silo.Grains.GetGrain<IManagementGrain>(0).GetSiloStatisticsAsync();
        var report = Assert.Single(silos);
        Assert.Equal(3, report.ActivationsByType["turn"]);
        var echo = Assert.Single(report.Methods, m => m.GrainType == "turn" && m.Method == "Echo");
        Assert.Equal(6, echo.Calls);
        Assert.Equal(0, echo.Failures);
        Assert.Equal(6, echo.LatencyBuckets.Sum());
        Assert.True(echo.P99Latency >= echo.P50Latency);
        var thrown = Assert.Single(report.Methods, m => m.Method == "Throw");
        Assert.Equal(1, thrown.Failures);
        Assert.Equal(typeof(ITurnGrain).FullName, thrown.Interface);
    }

    [Fact]
    public async Task ForceActivationCollection_DeactivatesIdleActivations()
    {
        await using var silo = await TestSilo.StartAsync();
        var probe = Probe.Create();
        await silo.Grains.GetGrain<ITurnGrain>(probe.Id).Echo("x");
        await probe.ExpectAsync("activate");

        var collected = await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollectionAsync();

        Assert.True(collected >= 1);
        await probe.ExpectAsync("deactivate ActivationIdle");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(1000, 10)]
    public void LatencyHistogram_BucketsByPowersOfTwoMicroseconds(int microseconds, int bucket) =>
        Assert.Equal(bucket, LatencyHistogram.BucketOf(TimeSpan.FromMicroseconds(microseconds)));

    [Fact]
    public void LatencyHistogram_PercentileIsTheUpperBoundOfItsBucket()
    {
        var buckets = new long[LatencyHistogram.BucketCount];
        buckets[3] = 98;
        buckets[10] = 2;

        Assert.Equal(LatencyHistogram.UpperBound(3), LatencyHistogram.Percentile(buckets, 0.5));
        Assert.Equal(LatencyHistogram.UpperBound(10), LatencyHistogram.Percentile(buckets, 0.99));
    }
}
