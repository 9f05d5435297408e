using Actors.Grains.Students;
using Actors.Grains.Students.State;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Students.State;

/// <summary>Courseware state on a real database (each subclass supplies one): 64 concurrent writers of one learner are
/// all stored after a silo restart, in far fewer transactions than writes.</summary>
public abstract class DurableStateContract
{
    private const string Course = "course-v1:Org+Course+Run";
    private const string Seq = "block-v1:Org+Course+Run+type@sequential+block@s1";
    private const string P1 = "block-v1:Org+Course+Run+type@problem+block@p1";

    private static string Unit(int i) => $"block-v1:Org+Course+Run+type@vertical+block@u{i}";

    /// <summary>A silo on this test's database (the same one on every call).</summary>
    private protected abstract Task<TestSilo> StartSiloAsync(Action<IServiceCollection>? services = null);

    [Fact]
    public async Task SixtyFourConcurrentWriters_EveryAcknowledgedWriteIsStored_InFarFewerTransactions_AndSurvivesARestart()
    {
        StudentWriteStatistics stats;
        await using (var silo = await StartSiloAsync(s => s.Configure<StudentStateOptions>(o => o.FlushWindow = TimeSpan.FromMilliseconds(50))))
        {
            var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
            await Task.WhenAll(Enumerable.Range(0, 64).Select(i => i % 2 == 0
                ? grain.SetStatesAsync(new Dictionary<string, string> { [Unit(i)] = $$"""{"seen": {{i}}}""", [Seq] = $$"""{"f{{i}}": {{i}}}""" })
                : grain.SetStateAsync(P1, $$$"""{"a{{{i}}}": {{{i}}}, "score": {"raw_earned": {{{i}}}, "raw_possible": 64}}""")));
            stats = await grain.GetWriteStatisticsAsync();
        }

        await using (var silo = await StartSiloAsync())
        {
            var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
            var units = await grain.GetStatesAsync(Enumerable.Range(0, 64).Where(i => i % 2 == 0).Select(Unit).ToList());
            var seq = await grain.GetStateAsync(Seq);
            var problem = await grain.GetStateAsync(P1);
            var history = await grain.GetStateHistoryAsync(P1);
            var score = (await grain.GetScoresAsync(Course))[P1];

            Assert.Equal((64L, 0L), (stats.Writes, stats.FailedWrites));
            Assert.InRange(stats.Flushes, 1, 16);
            Assert.Equal(32, units.Count);
            Assert.Equal(32, Fields(seq!.State).Count);
            Assert.Equal(33, Fields(problem!.State).Count); // 32 a{i} and score
            Assert.Equal(32, history!.Count);
            Assert.Equal(64, score.MaxGrade);
            Assert.Equal(Fields(problem.State)["score"], Fields(history[0].State)["score"]);
        }
    }

    private static IReadOnlyDictionary<string, string> Fields(string? state) =>
        System.Text.Json.JsonDocument.Parse(state!).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
}
