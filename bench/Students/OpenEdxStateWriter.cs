using System.Text.Json.Nodes;
using Npgsql;

namespace Actors.Bench.Students;

/// <summary>
/// The baseline: a state write as Open edX's <c>DjangoXBlockUserStateClient.set_many</c> does it for one block
/// (<c>shared/openedx.md</c> §d.4), one transaction per write, straight to the product's <c>student_module</c> table:
/// <c>get_or_create</c> (a SELECT of the row; if there is none, an INSERT with the state in a savepoint, and on a unique
/// violation the SELECT again), then for an existing row the new fields overlaid onto its JSON and the row saved
/// whole (an UPDATE of every column by id), then COMMIT. Django also wraps that UPDATE in a savepoint of its own (two
/// more round trips); it is left out, so if anything this baseline is faster than Open edX.
/// </summary>
internal sealed class OpenEdxStateWriter(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, module_type, state, grade, max_grade, done, created";

    public async Task WriteAsync(string username, string usageKey, string state)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var row = await GetAsync(connection, username, usageKey);
        if (row is null)
        {
            await transaction.SaveAsync("get_or_create");
            try
            {
                await CreateAsync(connection, username, usageKey, state);
                await transaction.ReleaseAsync("get_or_create");
                await transaction.CommitAsync();
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await transaction.RollbackAsync("get_or_create");
                row = await GetAsync(connection, username, usageKey)
                      ?? throw new InvalidOperationException($"The row of {usageKey} for {username} vanished.", exception);
            }
        }

        var fields = JsonNode.Parse(row.State ?? "{}")!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(state)!.AsObject())
            fields[name] = value?.DeepClone();
        await UpdateAsync(connection, username, usageKey, row with { State = fields.ToJsonString() });
        await transaction.CommitAsync();
    }

    private static async Task<Row?> GetAsync(NpgsqlConnection connection, string username, string usageKey)
    {
        await using var command = new NpgsqlCommand(
            $"select {Columns} from student_module where username = @username and course_id = @course and module_id = @module", connection);
        command.Parameters.AddWithValue("username", username);
        command.Parameters.AddWithValue("course", GroupCommitWorkload.CourseId);
        command.Parameters.AddWithValue("module", usageKey);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new Row(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.GetString(5),
            reader.GetFieldValue<DateTimeOffset>(6));
    }

    private static async Task CreateAsync(NpgsqlConnection connection, string username, string usageKey, string state)
    {
        await using var command = new NpgsqlCommand(
            "insert into student_module (username, course_id, module_id, module_type, state, created, modified) " +
            "values (@username, @course, @module, @type, @state, now(), now()) returning id", connection);
        command.Parameters.AddWithValue("username", username);
        command.Parameters.AddWithValue("course", GroupCommitWorkload.CourseId);
        command.Parameters.AddWithValue("module", usageKey);
        command.Parameters.AddWithValue("type", GroupCommitWorkload.ModuleType);
        command.Parameters.AddWithValue("state", state);
        await command.ExecuteScalarAsync();
    }

    private static async Task UpdateAsync(NpgsqlConnection connection, string username, string usageKey, Row row)
    {
        await using var command = new NpgsqlCommand(
            "update student_module set username = @username, course_id = @course, module_id = @module, module_type = @type, " +
            "state = @state, grade = @grade, max_grade = @max_grade, done = @done, created = @created, modified = now() where id = @id",
            connection);
        command.Parameters.AddWithValue("username", username);
        command.Parameters.AddWithValue("course", GroupCommitWorkload.CourseId);
        command.Parameters.AddWithValue("module", usageKey);
        command.Parameters.AddWithValue("type", row.ModuleType);
        command.Parameters.AddWithValue("state", (object?)row.State ?? DBNull.Value);
        command.Parameters.AddWithValue("grade", (object?)row.Grade ?? DBNull.Value);
        command.Parameters.AddWithValue("max_grade", (object?)row.MaxGrade ?? DBNull.Value);
        command.Parameters.AddWithValue("done", row.Done);
        command.Parameters.AddWithValue("created", row.Created.ToUniversalTime());
        command.Parameters.AddWithValue("id", row.Id);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record Row(long Id, string ModuleType, string? State, double? Grade, double? MaxGrade, string Done, DateTimeOffset Created);
}
