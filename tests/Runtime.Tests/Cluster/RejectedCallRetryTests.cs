using Actors.Runtime.Hosting;
using Actors.Runtime.Membership;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Placement;
using Actors.Runtime.Tests.Grains;
using Actors.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Runtime.Tests.Cluster;

public sealed class RejectedCallRetryTests
{
    [Fact]
    public async Task RejectedCall_IsSentAgainOnlyAfterTheCallersViewRefreshes_AndThenRunsOnTheOwner()
    {
        await using var cluster = await ClusterTesting.StartAsync(silos: 2);
        var key = Probe.Create().Id;
        var id = ClusterTesting.IdOf(cluster.Client.GetGrain<ITurnGrain>(key));
        var owner = cluster.OwnerOf(id);
        var nonOwner = cluster.Silos.First(s => s != owner);
        await using var relay = RelaySilo.Start(RawCalls.EndPointOf(nonOwner));
        using var caller = await StartCallerSeeingOnlyAsync(relay.Address);
        var placement = caller.Services.GetRequiredService<ClusterPlacement>();
        var realView = cluster.ClientPlacement;
        Assert.Equal([relay.Address], placement.Current.Ring.Silos);
        Assert.True(realView.Version > placement.Current.Version);

        var call = caller.Services.GetRequiredService<IGrainFactory>().GetGrain<ITurnGrain>(key).Echo("sent twice");
        Assert.Equal(FrameType.Rejection, await relay.FirstAnswerRelayed.WaitAsync(Probe.Patience));
        Assert.False(call.IsCompleted); // waiting for a newer view, not failed and not yet sent again
        placement.Update(realView.Version, realView.Ring.Silos);

        Assert.Equal("sent twice", await call.WaitAsync(Probe.Patience));
        Assert.Equal(1, relay.Calls);
        Assert.Equal([owner.Name], cluster.SilosWithActivation(id));
    }

    // A cluster client whose membership table lists only the relay, so its first view routes every call there.
    private static async Task<IHost> StartCallerSeeingOnlyAsync(SiloAddress relay)
    {
        var table = new InMemoryMembershipTable();
        var now = DateTimeOffset.UtcNow;
        Assert.True(await table.InsertRowAsync(new MembershipEntry(relay, SiloStatus.Active, "relay", now, now, []), 0, CancellationToken.None));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<IMembershipTable>(table);
        builder.Services.AddActorClient(client =>
        {
            client.AddGrainsFromAssemblyOf<TurnGrain>();
            client.Configure<ClusterOptions>(o => o.RejectedRetryDelay = TimeSpan.FromSeconds(30)); // only a new view ends the wait early
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
