using Actors.Runtime.Membership;
using Actors.Runtime.Placement;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Runtime.Tests.Placement;

public sealed class HandoverTests
{
    private static readonly SiloAddress A = new("10.0.0.1", 11111, 1);
    private static readonly SiloAddress B = new("10.0.0.2", 11111, 1);
    private static readonly SiloAddress Leaving = new("10.0.0.3", 11111, 1);
    private static readonly GrainType Type = new("handover");

    [Fact]
    public void HandingOver_NamesTheLeavingSilo_ForExactlyTheGrainsItOwnedBeforeItBeganToLeave()
    {
        var before = new HashRing([A, B, Leaving]);
        var view = new PlacementView(2, [A, B], A, leavingSilos: [Leaving]);

        foreach (var grain in Grains(200))
            Assert.Equal(before.OwnerOf(grain) == Leaving ? Leaving : null, view.HandingOver(grain));
        Assert.Contains(Grains(200), grain => view.HandingOver(grain) is not null);
    }

    [Fact]
    public void HandingOver_IsNull_WhenNoSiloIsLeaving()
    {
        var view = new PlacementView(2, [A, B], A);

        Assert.All(Grains(50), grain => Assert.Null(view.HandingOver(grain)));
    }

    [Fact]
    public async Task WaitForHandover_EndsWhenAViewWithoutTheLeavingSiloArrives()
    {
        var placement = new ClusterPlacement(A);
        placement.Update(2, [A, B], leavingSilos: [Leaving]);
        var grain = Grains(200).First(g => placement.Current.HandingOver(g) is not null);

        var waiting = placement.WaitForHandoverAsync(grain, TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        placement.Update(3, [A, B]); // the leaving silo wrote Dead

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WaitForHandover_GivesUpAfterItsLimit_NamingTheSiloStillLeaving()
    {
        var time = new FakeTimeProvider();
        var placement = new ClusterPlacement(A);
        placement.Update(2, [A, B], leavingSilos: [Leaving]);
        var grain = Grains(200).First(g => placement.Current.HandingOver(g) is not null);

        var waiting = placement.WaitForHandoverAsync(grain, TimeSpan.FromSeconds(10), time, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(Leaving, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WaitForHandover_DoesNotWait_ForAGrainNotBeingHandedOver()
    {
        var placement = new ClusterPlacement(A);
        placement.Update(2, [A, B], leavingSilos: [Leaving]);
        var grain = Grains(200).First(g => placement.Current.HandingOver(g) is null);

        var waiting = placement.WaitForHandoverAsync(grain, TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);

        Assert.True(waiting.IsCompletedSuccessfully);
        Assert.Null(await waiting);
    }

    private static IEnumerable<GrainId> Grains(int count) => Enumerable.Range(0, count).Select(i => new GrainId(Type, $"key-{i}"));
}
