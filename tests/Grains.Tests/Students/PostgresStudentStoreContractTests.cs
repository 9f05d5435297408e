using Actors.Grains.Storage;
using Actors.Grains.Storage.Migrations;
using Actors.Grains.Students.State;
using Actors.TestSupport.Postgres;
using Npgsql;

namespace Actors.Grains.Tests.Students;

/// <summary>The student store contract against <see cref="PostgresStudentStore"/>, on a fresh database per test (each
/// test gets its own, so rows of one never meet another's).</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresStudentStoreContractTests(PostgresDatabaseFixture fixture)
    : StudentStoreContract, IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private string? _connectionString;

    protected override async Task<IStudentStore> OpenAsync() => new PostgresStudentStore(await OpenDataSourceAsync());

    public async Task InitializeAsync() => _connectionString = await fixture.Server.CreateDatabaseAsync("students");

    [Fact]
    public async Task Tables_HaveAnalystFriendlyTypes()
    {
        var dataSource = await OpenDataSourceAsync();
        await using var command = dataSource.CreateCommand(
            "select table_name || '.' || column_name || ' ' || data_type from information_schema.columns " +
            "where table_name in ('enrollment', 'block_completion') order by table_name, ordinal_position");
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                columns.Add(reader.GetString(0));
        }

        Assert.Equal(
        [
            "block_completion.username text", "block_completion.context_key text", "block_completion.block_key text",
            "block_completion.block_type text", "block_completion.completion double precision",
            "block_completion.modified timestamp with time zone",
            "enrollment.username text", "enrollment.course_id text", "enrollment.mode text", "enrollment.is_active boolean",
            "enrollment.created timestamp with time zone", "enrollment.modified timestamp with time zone",
        ], columns);
    }

    [Fact]
    public async Task Load_ServerUnreachable_ThrowsTransientStorageException()
    {
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");
        var store = new PostgresStudentStore(unreachable);

        var exception = await Assert.ThrowsAsync<StorageException>(() => store.LoadCompletionsAsync("alice", Course, CancellationToken.None));

        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task WriteStudentModules_SecondStatementFails_NothingOfTheBatchIsCommitted()
    {
        var dataSource = await OpenDataSourceAsync();
        var store = new PostgresStudentStore(dataSource);
        const string problem = "block-v1:Org+Course+Run+type@problem+block@p1";
        var row = new StudentModuleRow(Course, problem, "problem", """{"a":1}""", null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        // PostgreSQL refuses NUL characters in text, so the history insert (the batch's second statement) fails.
        await Assert.ThrowsAsync<StorageException>(() => store.WriteStudentModulesAsync("alice", [row],
            [new StudentModuleHistoryRow(Course, problem, "{\"bad\":\"\0\"}", null, null, row.Modified)],
            CancellationToken.None));

        Assert.Empty(await store.LoadStudentModulesAsync("alice", Course, CancellationToken.None));
    }

    [Fact]
    public async Task WriteStudentModules_TwoLearnersOneTransaction_AStatementFails_NothingOfEitherIsCommitted()
    {
        var dataSource = await OpenDataSourceAsync();
        var store = new PostgresStudentStore(dataSource);
        const string problem = "block-v1:Org+Course+Run+type@problem+block@p1";
        var row = new StudentModuleRow(Course, problem, "problem", """{"a":1}""", null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        // Bob's history entry carries a NUL character, which PostgreSQL refuses in text: the history statement fails.
        await Assert.ThrowsAsync<StorageException>(() => store.WriteStudentModulesAsync(
        [
            new LearnerStateBatch("alice", [row], [new StudentModuleHistoryRow(Course, problem, row.State, null, null, row.Modified)]),
            new LearnerStateBatch("bob", [row], [new StudentModuleHistoryRow(Course, problem, "{\"bad\":\"\0\"}", null, null, row.Modified)]),
        ], CancellationToken.None));

        Assert.Empty(await store.LoadStudentModulesAsync("alice", Course, CancellationToken.None));
        Assert.Empty(await store.LoadStudentModulesAsync("bob", Course, CancellationToken.None));
    }

    [Fact]
    public async Task StudentModuleTables_HaveAnalystFriendlyTypes()
    {
        var dataSource = await OpenDataSourceAsync();
        await using var command = dataSource.CreateCommand(
            "select table_name || '.' || column_name || ' ' || data_type from information_schema.columns " +
            "where table_name in ('student_module', 'student_module_history') order by table_name, ordinal_position");
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                columns.Add(reader.GetString(0));
        }

        Assert.Equal(
        [
            "student_module.id bigint", "student_module.username text", "student_module.course_id text", "student_module.module_id text",
            "student_module.module_type text", "student_module.state text", "student_module.grade double precision",
            "student_module.max_grade double precision", "student_module.done text", "student_module.created timestamp with time zone",
            "student_module.modified timestamp with time zone",
            "student_module_history.id bigint", "student_module_history.student_module_id bigint",
            "student_module_history.created timestamp with time zone", "student_module_history.state text",
            "student_module_history.grade double precision", "student_module_history.max_grade double precision",
        ], columns);
    }

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
            await dataSource.DisposeAsync();
        if (_connectionString is not null)
            await fixture.Server.DropDatabaseAsync(new NpgsqlConnectionStringBuilder(_connectionString).Database!);
    }

    private async Task<NpgsqlDataSource> OpenDataSourceAsync()
    {
        var dataSource = NpgsqlDataSource.Create(_connectionString!);
        _dataSources.Add(dataSource);
        await ActorsSchema.ApplyPostgresAsync(dataSource);
        return dataSource;
    }
}
