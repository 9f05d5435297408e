using Actors.Grains.Storage;
using Actors.Grains.Students.State;

namespace Actors.Grains.Tests.Students;

/// <summary>The student store contract against <see cref="SqliteStudentStore"/> on a temporary file, plus what only
/// the SQL stores promise: real tables and classified failures.</summary>
public sealed class SqliteStudentStoreContractTests : StudentStoreContract, IDisposable
{
    private const string Problem = "block-v1:Org+Course+Run+type@problem+block@p1";
    private readonly SqliteStudentDatabase _database = new();

    protected override async Task<IStudentStore> OpenAsync() => new SqliteStudentStore(await _database.OpenAsync());

    [Fact]
    public async Task Tables_AreQueryableWithSql()
    {
        var sqlite = await _database.OpenAsync();
        var store = new SqliteStudentStore(sqlite);
        await store.UpsertEnrollmentAsync(new("alice", Course, "verified", true, DateTimeOffset.UnixEpoch), DateTimeOffset.UnixEpoch, CancellationToken.None);
        await store.UpsertCompletionAsync("alice", Course, new("block-v1:Org+Course+Run+type@problem+block@p1", "problem", 0.5, DateTimeOffset.UnixEpoch),
            CancellationToken.None);

        await using var connection = await sqlite.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "select e.mode, e.is_active, c.block_type, c.completion, c.modified from enrollment e " +
            "join block_completion c on c.username = e.username and c.context_key = e.course_id where e.course_id = $course";
        command.Parameters.AddWithValue("$course", Course);
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(("verified", 1L, "problem", 0.5, DateTimeOffset.UnixEpoch.UtcTicks),
            (reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetDouble(3), reader.GetInt64(4)));
    }

    [Fact]
    public async Task Load_TablesMissing_ThrowsPermanentStorageException()
    {
        var store = new SqliteStudentStore(await _database.OpenAsync(migrate: false));

        var exception = await Assert.ThrowsAsync<StorageException>(() => store.LoadEnrollmentsAsync("alice", CancellationToken.None));

        Assert.False(exception.IsTransient);
        Assert.Contains("enrollments of 'alice'", exception.Message);
    }

    private async Task<SqliteStudentStore> StoreWithoutHistoryTableAsync()
    {
        var sqlite = await _database.OpenAsync();
        await using (var connection = await sqlite.OpenConnectionAsync(CancellationToken.None))
        await using (var drop = connection.CreateCommand())
        {
            drop.CommandText = "drop table student_module_history";
            await drop.ExecuteNonQueryAsync();
        }

        return new SqliteStudentStore(sqlite);
    }

    [Fact]
    public async Task WriteStudentModules_SecondStatementFails_NothingOfTheBatchIsCommitted()
    {
        var store = await StoreWithoutHistoryTableAsync(); // the history insert, the batch's second statement, fails

        var row = new StudentModuleRow(Course, Problem, "problem", """{"a":1}""", null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        await Assert.ThrowsAsync<StorageException>(() => store.WriteStudentModulesAsync("alice", [row],
            [new StudentModuleHistoryRow(Course, Problem, row.State, null, null, row.Modified)], CancellationToken.None));

        Assert.Empty(await store.LoadStudentModulesAsync("alice", Course, CancellationToken.None));
    }

    [Fact]
    public async Task WriteStudentModules_TwoLearnersOneTransaction_AStatementFails_NothingOfEitherIsCommitted()
    {
        var store = await StoreWithoutHistoryTableAsync(); // the history insert, the batch's second statement, fails

        var row = new StudentModuleRow(Course, Problem, "problem", """{"a":1}""", null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        await Assert.ThrowsAsync<StorageException>(() => store.WriteStudentModulesAsync(
        [
            new LearnerStateBatch("alice", [row], []),
            new LearnerStateBatch("bob", [row], [new StudentModuleHistoryRow(Course, Problem, row.State, null, null, row.Modified)]),
        ], CancellationToken.None));

        Assert.Empty(await store.LoadStudentModulesAsync("alice", Course, CancellationToken.None));
        Assert.Empty(await store.LoadStudentModulesAsync("bob", Course, CancellationToken.None));
    }

    [Fact]
    public async Task StudentModuleTables_AreQueryableWithSql()
    {
        var sqlite = await _database.OpenAsync();
        var row = new StudentModuleRow(Course, Problem, "problem", """{"attempts":2}""", 1, 2, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        await new SqliteStudentStore(sqlite).WriteStudentModulesAsync("alice", [row],
            [new StudentModuleHistoryRow(Course, Problem, row.State, 1, 2, row.Modified)], CancellationToken.None);

        await using var connection = await sqlite.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "select m.module_type, m.grade, m.max_grade, m.done, json_extract(m.state, '$.attempts'), count(h.id) from student_module m " +
            "join student_module_history h on h.student_module_id = m.id where m.course_id = $course group by m.id";
        command.Parameters.AddWithValue("$course", Course);
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(("problem", 1.0, 2.0, "na", 2L, 1L),
            (reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5)));
    }

    public void Dispose() => _database.Dispose();
}
