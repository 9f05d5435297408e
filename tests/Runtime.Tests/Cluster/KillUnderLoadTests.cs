using Actors.Runtime.Hosting;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;
using Actors.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Actors.Runtime.Tests.Cluster;

public sealed class KillUnderLoadTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>
{
    /// <summary>What a caller may see while a silo dies: its connection drops, or the call outlives its deadline.</summary>
    private static readonly string[] ClearFailures = [nameof(SiloUnavailableException), nameof(TimeoutException)];

    [Fact]
    public Task KilledSilo_UnderConcurrentIncrements_LosesNoAcknowledgedIncrement_WithMemoryStores() => KillUnderLoadAsync(postgres: null);

    [Fact]
    public Task KilledSilo_UnderConcurrentIncrements_LosesNoAcknowledgedIncrement_WithPostgres() => KillUnderLoadAsync(database.ConnectionString);

    private async Task KillUnderLoadAsync(string? postgres)
    {
        await using var cluster = await ClusterTesting.StartAsync(postgres: postgres,
            configure: s => s.Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5)));
        var victim = cluster.Silos[2];
        var victimKeys = cluster.ProbeKeysOwnedBy<ICounterGrain>(victim, count: 4);
        var keys = victimKeys.Concat(cluster.Silos.Take(2).SelectMany(s => cluster.ProbeKeysOwnedBy<ICounterGrain>(s, count: 4))).ToList();
        var load = new IncrementLoad(cluster, keys);

        load.Start(callers: 16);
        await Eventually.TrueAsync(() => victimKeys.All(k => load.Acknowledged(k) >= 5), "every grain of the victim took increments");
        await cluster.KillSiloAsync(victim);
        await cluster.WaitForLivenessToStabilizeAsync();
        var acknowledgedAtStable = victimKeys.ToDictionary(k => k, load.Acknowledged);
        await Eventually.TrueAsync(() => victimKeys.All(k => load.Acknowledged(k) >= acknowledgedAtStable[k] + 5),
            "the victim's grains took increments on their new owners");
        await load.StopAsync();

        output.WriteLine($"acknowledged {load.TotalAcknowledged}; failures: {string.Join(", ", load.FailuresByType.Select(f => $"{f.Key} x{f.Value}"))}");
        foreach (var failure in load.Failures.DistinctBy(f => f.Message).Take(10))
            output.WriteLine($"  {failure.GetType().Name}: {failure.Message}");
        Assert.All(load.FailuresByType.Keys, type => Assert.Contains(type, ClearFailures));
        foreach (var key in keys)
        {
            var stored = await cluster.Client.GetGrain<ICounterGrain>(key).Get();
            Assert.InRange(stored, load.Acknowledged(key), load.Acknowledged(key) + load.Failed(key));
            var id = ClusterTesting.IdOf(cluster.Client.GetGrain<ICounterGrain>(key));
            Assert.Equal([cluster.OwnerOf(id).Name], cluster.SilosWithActivation(id));
        }
    }
}
