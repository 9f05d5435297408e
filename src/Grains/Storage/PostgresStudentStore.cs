using Actors.Grains.Students;
using Npgsql;

namespace Actors.Grains.Storage;

/// <summary>The <see cref="IStudentStore"/> of a PostgreSQL silo: the <c>enrollment</c> and <c>block_completion</c>
/// tables (<c>Postgres/Migrations/0001_students.sql</c>), through the silo's one <see cref="NpgsqlDataSource"/>. Each
/// call is one statement, committed on its own.</summary>
public sealed class PostgresStudentStore(NpgsqlDataSource dataSource) : IStudentStore
{
    private const string Store = "PostgreSQL";

    /// <inheritdoc />
    public Task<IReadOnlyList<Enrollment>> LoadEnrollmentsAsync(string username, CancellationToken cancellationToken) =>
        RunAsync($"loading the enrollments of '{username}'", async () =>
        {
            await using var command = Command("select course_id, mode, is_active, created from enrollment where username = @username",
                ("username", username));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<Enrollment>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new Enrollment(username, reader.GetString(0), reader.GetString(1), reader.GetBoolean(2),
                    reader.GetFieldValue<DateTimeOffset>(3)));
            }

            return (IReadOnlyList<Enrollment>)rows;
        });

    /// <inheritdoc />
    public Task<Enrollment> UpsertEnrollmentAsync(Enrollment enrollment, DateTimeOffset modified, CancellationToken cancellationToken) =>
        RunAsync($"writing the enrollment of '{enrollment.Username}' in '{enrollment.CourseId}'", async () =>
        {
            await using var command = Command(
                "insert into enrollment (username, course_id, mode, is_active, created, modified) " +
                "values (@username, @course, @mode, @active, @created, @modified) " +
                "on conflict (username, course_id) do update set mode = excluded.mode, is_active = excluded.is_active, modified = excluded.modified " +
                "returning created",
                ("username", enrollment.Username), ("course", enrollment.CourseId), ("mode", enrollment.Mode), ("active", enrollment.IsActive),
                ("created", enrollment.Created.ToUniversalTime()), ("modified", modified.ToUniversalTime()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return enrollment with { Created = reader.GetFieldValue<DateTimeOffset>(0) };
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<BlockCompletion>> LoadCompletionsAsync(string username, string contextKey, CancellationToken cancellationToken) =>
        RunAsync($"loading the completions of '{username}' in '{contextKey}'", async () =>
        {
            await using var command = Command(
                "select block_key, block_type, completion, modified from block_completion where username = @username and context_key = @context",
                ("username", username), ("context", contextKey));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<BlockCompletion>();
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(new BlockCompletion(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetFieldValue<DateTimeOffset>(3)));
            return (IReadOnlyList<BlockCompletion>)rows;
        });

    /// <inheritdoc />
    public Task UpsertCompletionAsync(string username, string contextKey, BlockCompletion completion, CancellationToken cancellationToken) =>
        RunAsync($"writing the completion of '{completion.BlockKey}' for '{username}'", async () =>
        {
            await using var command = Command(
                "insert into block_completion (username, context_key, block_key, block_type, completion, modified) " +
                "values (@username, @context, @block, @type, @completion, @modified) " +
                "on conflict (username, context_key, block_key) do update set " +
                "block_type = excluded.block_type, completion = excluded.completion, modified = excluded.modified",
                ("username", username), ("context", contextKey), ("block", completion.BlockKey), ("type", completion.BlockType),
                ("completion", completion.Completion), ("modified", completion.Modified.ToUniversalTime()));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    private static Task<T> RunAsync<T>(string operation, Func<Task<T>> work) =>
        StudentStoreErrors.RunAsync(Store, operation, StudentStoreErrors.IsTransientPostgres, work);

    private NpgsqlCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }
}
