using Actors.Grains.Students;
using Actors.Grains.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Actors.Grains.Storage;

/// <summary>The <see cref="IStudentStore"/> of the embedded default: the <c>enrollment</c> and
/// <c>block_completion</c> tables in the silo's SQLite file (<c>Sqlite/Migrations/0001_students.sql</c>). Times are
/// stored as UTC ticks. Each call is one statement in its own (durable, <c>synchronous = full</c>) transaction.</summary>
public sealed class SqliteStudentStore(SqliteStore store) : IStudentStore
{
    private const string Store = "SQLite";

    /// <inheritdoc />
    public Task<IReadOnlyList<Enrollment>> LoadEnrollmentsAsync(string username, CancellationToken cancellationToken) =>
        RunAsync($"loading the enrollments of '{username}'", async () =>
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection,
                "select course_id, mode, is_active, created from enrollment where username = $username", ("$username", username));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<Enrollment>();
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(new Enrollment(username, reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0, FromTicks(reader.GetInt64(3))));
            return (IReadOnlyList<Enrollment>)rows;
        });

    /// <inheritdoc />
    public Task<Enrollment> UpsertEnrollmentAsync(Enrollment enrollment, DateTimeOffset modified, CancellationToken cancellationToken) =>
        RunAsync($"writing the enrollment of '{enrollment.Username}' in '{enrollment.CourseId}'", async () =>
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection,
                "insert into enrollment (username, course_id, mode, is_active, created, modified) " +
                "values ($username, $course, $mode, $active, $created, $modified) " +
                "on conflict (username, course_id) do update set mode = excluded.mode, is_active = excluded.is_active, modified = excluded.modified " +
                "returning created",
                ("$username", enrollment.Username), ("$course", enrollment.CourseId), ("$mode", enrollment.Mode),
                ("$active", enrollment.IsActive ? 1L : 0L), ("$created", enrollment.Created.UtcTicks), ("$modified", modified.UtcTicks));
            var created = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return enrollment with { Created = FromTicks(created) };
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<BlockCompletion>> LoadCompletionsAsync(string username, string contextKey, CancellationToken cancellationToken) =>
        RunAsync($"loading the completions of '{username}' in '{contextKey}'", async () =>
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection,
                "select block_key, block_type, completion, modified from block_completion where username = $username and context_key = $context",
                ("$username", username), ("$context", contextKey));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<BlockCompletion>();
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(new BlockCompletion(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), FromTicks(reader.GetInt64(3))));
            return (IReadOnlyList<BlockCompletion>)rows;
        });

    /// <inheritdoc />
    public Task UpsertCompletionAsync(string username, string contextKey, BlockCompletion completion, CancellationToken cancellationToken) =>
        RunAsync($"writing the completion of '{completion.BlockKey}' for '{username}'", async () =>
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection,
                "insert into block_completion (username, context_key, block_key, block_type, completion, modified) " +
                "values ($username, $context, $block, $type, $completion, $modified) " +
                "on conflict (username, context_key, block_key) do update set " +
                "block_type = excluded.block_type, completion = excluded.completion, modified = excluded.modified",
                ("$username", username), ("$context", contextKey), ("$block", completion.BlockKey), ("$type", completion.BlockType),
                ("$completion", completion.Completion), ("$modified", completion.Modified.UtcTicks));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    private static Task<T> RunAsync<T>(string operation, Func<Task<T>> work) =>
        StudentStoreErrors.RunAsync(Store, operation, StudentStoreErrors.IsTransientSqlite, work);

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}
