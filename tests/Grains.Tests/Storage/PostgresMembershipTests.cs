using System.Net;
using Actors.Grains.Storage;
using Actors.Grains.Storage.Migrations;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace Actors.Grains.Tests.Storage;

/// <summary>
/// Orleans' ADO.NET membership table (<see cref="AdoNetClusteringTable"/>, as a silo builds it) running our SQL on
/// PostgreSQL: every change of a member row is a compare-and-swap of the cluster's version, heartbeats leave the
/// version alone, and reads have the shapes the provider expects. Each test uses a cluster of its own.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresMembershipTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly string _clusterId = "cluster-" + Guid.NewGuid().ToString("N");
    private NpgsqlDataSource? _dataSource;

    private NpgsqlDataSource DataSource => _dataSource!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await ActorsSchema.ApplyPostgresAsync(_dataSource);
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();

    [Fact]
    public async Task InsertMembershipVersion_ReturnsOne_ThenZero()
    {
        Assert.Equal(1, await ScalarAsync("InsertMembershipVersionKey", ("DeploymentId", _clusterId)));
        Assert.Equal(0, await ScalarAsync("InsertMembershipVersionKey", ("DeploymentId", _clusterId)));
    }

    [Fact]
    public async Task Initialize_ThenReadAll_HasVersionZeroAndNoMembers()
    {
        var table = await OpenTableAsync();

        var all = await table.ReadAllAsync(default);

        Assert.Equal((0, "0"), (all.Version.Version, all.Version.VersionEtag));
        Assert.Empty(all.Members);
    }

    [Fact]
    public async Task Join_InsertsTheMember_AndBumpsTheVersion()
    {
        var table = await OpenTableAsync();
        var entry = Member(1, SiloStatus.Joining);

        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));

        var all = await table.ReadAllAsync(default);
        Assert.Equal(1, all.Version.Version);
        var (read, etag) = Assert.Single(all.Members);
        Assert.Equal("1", etag);
        Assert.Equal((entry.SiloAddress, entry.SiloName, entry.HostName, entry.Status, entry.ProxyPort, entry.StartTime, entry.IAmAliveTime),
            (read.SiloAddress, read.SiloName, read.HostName, read.Status, read.ProxyPort, read.StartTime, read.IAmAliveTime));
    }

    [Fact]
    public async Task Join_WithAStaleVersion_ReturnsFalse_AndChangesNothing()
    {
        var table = await OpenTableAsync();
        var stale = (await table.ReadAllAsync(default)).Version.Next();
        Assert.True(await table.InsertRowAsync(Member(1, SiloStatus.Joining), stale, default));

        Assert.False(await table.InsertRowAsync(Member(2, SiloStatus.Joining), stale, default));

        var all = await table.ReadAllAsync(default);
        Assert.Equal(1, all.Version.Version);
        Assert.Equal([1], all.Members.Select(m => m.Item1.SiloAddress.Generation));
    }

    [Fact]
    public async Task Join_OfAMemberAlreadyThere_ReturnsFalse_AndLeavesTheVersion()
    {
        var table = await OpenTableAsync();
        Assert.True(await table.InsertRowAsync(Member(1, SiloStatus.Joining), (await table.ReadAllAsync(default)).Version.Next(), default));

        Assert.False(await table.InsertRowAsync(Member(1, SiloStatus.Active), (await table.ReadAllAsync(default)).Version.Next(), default));

        var all = await table.ReadAllAsync(default);
        Assert.Equal((1, SiloStatus.Joining), (all.Version.Version, Assert.Single(all.Members).Item1.Status));
    }

    [Fact]
    public async Task UpdateRow_WithTheCurrentVersion_ChangesStatusAndVotes_AndBumpsTheVersion()
    {
        var table = await OpenTableAsync();
        var entry = Member(1, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));
        var voter = SiloAddress.New(IPAddress.Loopback, 11112, 7);
        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(voter, T0.AddSeconds(5))];
        entry.IAmAliveTime = T0.AddSeconds(6);
        var read = await table.ReadAllAsync(default);

        Assert.True(await table.UpdateRowAsync(entry, read.Members[0].Item2, read.Version.Next(), default));

        var after = await table.ReadRowAsync(entry.SiloAddress, default);
        var member = Assert.Single(after.Members).Item1;
        Assert.Equal((2, SiloStatus.Active, T0.AddSeconds(6)), (after.Version.Version, member.Status, member.IAmAliveTime));
        var vote = Assert.Single(member.SuspectTimes!);
        Assert.Equal((voter, T0.AddSeconds(5)), (vote.Item1, vote.Item2));
    }

    [Fact]
    public async Task UpdateRow_WithAStaleVersion_ReturnsFalse_AndChangesNothing()
    {
        var table = await OpenTableAsync();
        var entry = Member(1, SiloStatus.Joining);
        var stale = (await table.ReadAllAsync(default)).Version.Next();
        Assert.True(await table.InsertRowAsync(entry, stale, default));
        entry.Status = SiloStatus.Dead;

        Assert.False(await table.UpdateRowAsync(entry, "0", stale, default));

        var after = await table.ReadAllAsync(default);
        Assert.Equal((1, SiloStatus.Joining), (after.Version.Version, Assert.Single(after.Members).Item1.Status));
    }

    [Fact]
    public async Task UpdateRow_OfAnUnknownMember_ReturnsFalse_AndLeavesTheVersion()
    {
        var table = await OpenTableAsync();

        Assert.False(await table.UpdateRowAsync(Member(9, SiloStatus.Active), "0", (await table.ReadAllAsync(default)).Version.Next(), default));

        Assert.Equal(0, (await table.ReadAllAsync(default)).Version.Version);
    }

    [Fact]
    public async Task UpdateIAmAlive_ChangesTheHeartbeatOnly_NotTheVersion()
    {
        var table = await OpenTableAsync();
        var entry = Member(1, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(default)).Version.Next(), default));
        entry.IAmAliveTime = T0.AddMinutes(1);
        entry.Status = SiloStatus.Dead; // must not be written by a heartbeat

        await table.UpdateIAmAliveAsync(entry, default);

        var after = await table.ReadAllAsync(default);
        var member = Assert.Single(after.Members).Item1;
        Assert.Equal((1, SiloStatus.Active, T0.AddMinutes(1)), (after.Version.Version, member.Status, member.IAmAliveTime));
    }

    [Fact]
    public async Task ReadRow_ReturnsTheVersionWithThatMemberOnly_OrNoMemberWhenUnknown()
    {
        var table = await OpenTableAsync();
        Assert.True(await table.InsertRowAsync(Member(1, SiloStatus.Active), (await table.ReadAllAsync(default)).Version.Next(), default));
        Assert.True(await table.InsertRowAsync(Member(2, SiloStatus.Active), (await table.ReadAllAsync(default)).Version.Next(), default));

        var one = await table.ReadRowAsync(Member(2, SiloStatus.Active).SiloAddress, default);
        var unknown = await table.ReadRowAsync(Member(3, SiloStatus.Active).SiloAddress, default);

        Assert.Equal((2, 2), (one.Version.Version, Assert.Single(one.Members).Item1.SiloAddress.Generation));
        Assert.Equal(2, unknown.Version.Version);
        Assert.Empty(unknown.Members);
    }

    [Fact]
    public async Task Gateways_AreTheActiveMembersWithAProxyPort()
    {
        var table = await OpenTableAsync();
        Assert.True(await table.InsertRowAsync(Member(1, SiloStatus.Active), (await table.ReadAllAsync(default)).Version.Next(), default));
        Assert.True(await table.InsertRowAsync(Member(2, SiloStatus.Joining), (await table.ReadAllAsync(default)).Version.Next(), default));
        Assert.True(await table.InsertRowAsync(Member(3, SiloStatus.Active, proxyPort: 0), (await table.ReadAllAsync(default)).Version.Next(), default));
        var gateways = new AdoNetGatewayListProvider(NullLogger<AdoNetGatewayListProvider>.Instance, new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = StorageSiloBuilderExtensions.PostgresInvariant, ConnectionString = database.ConnectionString }),
            Options.Create(new GatewayOptions()), Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "membership-tests" }));
        await gateways.InitializeGatewayListProviderAsync(default);

        var uris = await gateways.GetGatewaysAsync(default);

        Assert.Equal([Member(1, SiloStatus.Active).SiloAddress.Endpoint.Address.ToString()], uris.Select(u => u.Host));
        Assert.Equal(30000, Assert.Single(uris).Port);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovesOnlyDeadMembersOlderThanTheCutoff_AndLeavesTheVersion()
    {
        var table = await OpenTableAsync();
        Assert.True(await table.InsertRowAsync(Member(1, SiloStatus.Dead), (await table.ReadAllAsync(default)).Version.Next(), default));
        Assert.True(await table.InsertRowAsync(Member(2, SiloStatus.Active), (await table.ReadAllAsync(default)).Version.Next(), default));
        Assert.True(await table.InsertRowAsync(Member(3, SiloStatus.Dead, start: T0.AddDays(2)), (await table.ReadAllAsync(default)).Version.Next(), default));

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(T0.AddDays(1)), default);

        var after = await table.ReadAllAsync(default);
        Assert.Equal(3, after.Version.Version);
        Assert.Equal([2, 3], after.Members.Select(m => m.Item1.SiloAddress.Generation).Order());
    }

    [Fact]
    public async Task CleanupDefunctSiloEntriesQuery_DeletesDeadMembersNotAliveSinceTheCutoff()
    {
        var table = await OpenTableAsync();
        Assert.True(await table.InsertRowAsync(Member(1, SiloStatus.Dead), (await table.ReadAllAsync(default)).Version.Next(), default));
        Assert.True(await table.InsertRowAsync(Member(2, SiloStatus.ShuttingDown), (await table.ReadAllAsync(default)).Version.Next(), default));

        await ExecuteAsync("CleanupDefunctSiloEntriesKey", ("DeploymentId", _clusterId), ("IAmAliveTime", T0.AddDays(1)));

        Assert.Equal([2], (await table.ReadAllAsync(default)).Members.Select(m => m.Item1.SiloAddress.Generation));
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_RemovesTheVersionRowAndTheMembers()
    {
        var table = await OpenTableAsync();
        Assert.True(await table.InsertRowAsync(Member(1, SiloStatus.Active), (await table.ReadAllAsync(default)).Version.Next(), default));

        await table.DeleteMembershipTableEntriesAsync(_clusterId, default);

        await using var command = DataSource.CreateCommand(
            "select (select count(*) from orleans_membership where deployment_id = @id) + (select count(*) from orleans_membership_version where deployment_id = @id)");
        command.Parameters.AddWithValue("id", _clusterId);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    private async Task<AdoNetClusteringTable> OpenTableAsync()
    {
        var table = new AdoNetClusteringTable(new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = _clusterId, ServiceId = "membership-tests" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = StorageSiloBuilderExtensions.PostgresInvariant, ConnectionString = database.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(true, default);
        return table;
    }

    private static MembershipEntry Member(int generation, SiloStatus status, int proxyPort = 30000, DateTime? start = null) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Parse("10.0.0.5"), 11111, generation),
        SiloName = $"silo-{generation}",
        HostName = "host-a",
        Status = status,
        ProxyPort = proxyPort,
        StartTime = start ?? T0,
        IAmAliveTime = start ?? T0,
    };

    private async Task<long> ScalarAsync(string queryKey, params (string Name, object Value)[] parameters)
    {
        await using var command = await QueryAsync(queryKey, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string queryKey, params (string Name, object Value)[] parameters)
    {
        await using var command = await QueryAsync(queryKey, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlCommand> QueryAsync(string queryKey, (string Name, object Value)[] parameters)
    {
        await using var lookup = DataSource.CreateCommand("select QueryText from OrleansQuery where QueryKey = @key");
        lookup.Parameters.AddWithValue("key", queryKey);
        var command = DataSource.CreateCommand((string)(await lookup.ExecuteScalarAsync())!);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }
}
