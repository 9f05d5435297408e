using Actors.Grains.Students;
using Actors.Grains.Students.State;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Students.State;

/// <summary>Bad input to the state methods: an <see cref="InvalidArgumentException"/> naming what was wrong, and
/// nothing written.</summary>
public sealed class StateArgumentTests
{
    private const string P1 = "block-v1:Org+Course+Run+type@problem+block@p1";

    public static TheoryData<string, string, string> BadStates => new()
    {
        { P1, "[1, 2]", "state" },
        { P1, "\"text\"", "state" },
        { P1, "{\"a\": ", "state" },
        { P1, """{"score": {"raw_earned": "one", "raw_possible": 1}}""", "score" },
        { P1, """{"score": {"raw_earned": -1, "raw_possible": 1}}""", "score" },
        { P1, $$"""{"big": "{{new string('x', 200)}}"}""", "state" },
        { "i4x://Org/Course/problem/p1", "{}", "usageKey" },
        { "course-v1:Org+Course+Run", "{}", "usageKey" },
        { "block-v1:Org+Course+Run+type@problem+block@p1 ", "{}", "usageKey" },
    };

    [Theory]
    [MemberData(nameof(BadStates))]
    public async Task SetState_BadInput_ThrowsNamingIt_AndWritesNothing(string usageKey, string state, string parameter)
    {
        await using var silo = await TestSilo.StartAsync(services: s => s.Configure<StudentStateOptions>(o => o.MaxStateBytes = 100));
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        var exception = await Assert.ThrowsAsync<InvalidArgumentException>(() => grain.SetStateAsync(usageKey, state));
        var many = await Assert.ThrowsAsync<InvalidArgumentException>(() => grain.SetStatesAsync(new Dictionary<string, string>
        {
            ["block-v1:Org+Course+Run+type@html+block@ok"] = "{}",
            [usageKey] = state,
        }));

        Assert.Equal(parameter, exception.ParamName);
        Assert.Equal(usageKey, many.ParamName);
        Assert.Equal(0, (await grain.GetWriteStatisticsAsync()).Writes);
        Assert.Null(await grain.GetStateAsync("block-v1:Org+Course+Run+type@html+block@ok"));
    }

    [Fact]
    public async Task StateAtTheSizeLimit_IsAccepted()
    {
        await using var silo = await TestSilo.StartAsync(services: s => s.Configure<StudentStateOptions>(o => o.MaxStateBytes = 100));
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        var state = $$"""{"v":"{{new string('é', 46)}}"}"""; // 6 + 46 × 2 + 2 = 100 UTF-8 bytes

        await grain.SetStateAsync(P1, state);

        Assert.Equal(100, System.Text.Encoding.UTF8.GetByteCount(state));
        Assert.NotNull(await grain.GetStateAsync(P1));
    }
}
