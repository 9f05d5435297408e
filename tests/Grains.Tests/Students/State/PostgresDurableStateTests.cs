using Actors.Grains.Storage;
using Actors.Grains.Students;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Students.State;

/// <summary><see cref="DurableStateContract"/> on PostgreSQL, and what happens to writes while the server is down.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresDurableStateTests(PostgresDatabaseFixture database) : DurableStateContract, IClassFixture<PostgresDatabaseFixture>
{
    private const string Seq = "block-v1:Org+Course+Run+type@sequential+block@s1";
    private const string P1 = "block-v1:Org+Course+Run+type@problem+block@p1";

    private protected override Task<TestSilo> StartSiloAsync(Action<IServiceCollection>? services = null) =>
        TestSilo.StartAsync(services: services, postgresConnectionString: database.ConnectionString);

    [Fact]
    public async Task ServerStopped_WritesFail_AndAfterItIsBackAReadDoesNotShowTheirData()
    {
        await using var server = await PostgresServer.StartDedicatedAsync();
        var connectionString = await server.CreateDatabaseAsync("state-outage");
        await using var silo = await TestSilo.StartAsync(postgresConnectionString: connectionString);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        await grain.SetStatesAsync(new Dictionary<string, string> { [Seq] = """{"position": 1}""", [P1] = """{"attempts": 1}""" });

        await server.StopAsync();
        var failures = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CaptureAsync(i % 2 == 0
            ? grain.SetStateAsync(Seq, $$"""{"position": {{i + 2}}, "lost": true}""")
            : grain.DeleteStateAsync(P1))));
        await server.StartAsync();

        Assert.All(failures, f => Assert.IsType<StorageException>(f));
        Assert.Equal("""{"position":1}""", (await grain.GetStateAsync(Seq))!.State);
        Assert.Equal("""{"attempts":1}""", (await grain.GetStateAsync(P1))!.State);
        Assert.Single((await grain.GetStateHistoryAsync(P1))!);
        await grain.SetStateAsync(Seq, """{"seen": true}""");
        Assert.Equal("""{"position":1,"seen":true}""", (await grain.GetStateAsync(Seq))!.State);
    }

    private static async Task<Exception?> CaptureAsync(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
