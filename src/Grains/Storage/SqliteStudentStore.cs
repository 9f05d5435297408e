using System.Globalization;
using System.Text;
using Actors.Grains.Students;
using Actors.Grains.Students.State;
using Actors.Grains.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Actors.Grains.Storage;

/// <summary>The <see cref="IStudentStore"/> of the embedded default: the <c>enrollment</c>, <c>block_completion</c>,
/// <c>student_module</c> and <c>student_module_history</c> tables in the silo's SQLite file (<c>Sqlite/Migrations</c>).
/// Times are stored as UTC ticks. Each call is one statement in its own (durable, <c>synchronous = full</c>)
/// transaction, except the courseware state writes: one <c>BEGIN IMMEDIATE</c> transaction of multi-row upserts and history
/// inserts (each row names its learner, so one transaction carries the batches of many learners) (<see cref="RowsPerStatement"/> rows per statement).</summary>
public sealed class SqliteStudentStore(SqliteStore store) : IStudentStore
{
    private const string Store = "SQLite";

    /// <summary>Rows per multi-row statement, well under SQLite's 32,766 bound parameters.</summary>
    internal const int RowsPerStatement = 500;

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

    /// <inheritdoc />
    public Task<IReadOnlyList<StudentModuleRow>> LoadStudentModulesAsync(string username, string contextKey, CancellationToken cancellationToken) =>
        RunAsync($"loading the courseware state of '{username}' in '{contextKey}'", async () =>
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection,
                "select module_id, module_type, state, grade, max_grade, created, modified from student_module " +
                "where username = $username and course_id = $context",
                ("$username", username), ("$context", contextKey));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<StudentModuleRow>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new StudentModuleRow(contextKey, reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    NullableDouble(reader, 3), NullableDouble(reader, 4), FromTicks(reader.GetInt64(5)), FromTicks(reader.GetInt64(6))));
            }

            return (IReadOnlyList<StudentModuleRow>)rows;
        });

    /// <inheritdoc />
    public Task WriteStudentModulesAsync(IReadOnlyList<LearnerStateBatch> batches, CancellationToken cancellationToken) =>
        RunAsync(LearnerStateBatch.Describe(batches), async () =>
        {
            var rows = LearnerStateBatch.RowsOf(batches);
            if (rows.Count == 0)
                return 0;
            var history = LearnerStateBatch.HistoryOf(batches);
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: take the write lock now
            foreach (var chunk in rows.Chunk(RowsPerStatement))
                await UpsertModulesAsync(connection, transaction, chunk, cancellationToken);
            var order = 0;
            foreach (var chunk in history.Chunk(RowsPerStatement))
            {
                await InsertHistoryAsync(connection, transaction, chunk, order, cancellationToken);
                order += chunk.Length;
            }

            await transaction.CommitAsync(cancellationToken);
            return 0;
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<StudentModuleHistoryRow>> LoadStudentModuleHistoryAsync(string username, string contextKey, string usageKey,
        CancellationToken cancellationToken) =>
        RunAsync($"loading the history of '{usageKey}' for '{username}'", async () =>
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection,
                "select h.state, h.grade, h.max_grade, h.created from student_module_history h " +
                "join student_module m on m.id = h.student_module_id " +
                "where m.username = $username and m.course_id = $context and m.module_id = $usage order by h.id desc",
                ("$username", username), ("$context", contextKey), ("$usage", usageKey));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<StudentModuleHistoryRow>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new StudentModuleHistoryRow(contextKey, usageKey, reader.IsDBNull(0) ? null : reader.GetString(0), NullableDouble(reader, 1),
                    NullableDouble(reader, 2), FromTicks(reader.GetInt64(3))));
            }

            return (IReadOnlyList<StudentModuleHistoryRow>)rows;
        });

    private static async Task UpsertModulesAsync(SqliteConnection connection, SqliteTransaction transaction,
        (string Username, StudentModuleRow Row)[] rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("insert into student_module (username, course_id, module_id, module_type, state, grade, max_grade, created, modified) values ");
        for (var i = 0; i < rows.Length; i++)
        {
            var (username, row) = rows[i];
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                $"($u{i}, $c{i}, $m{i}, $t{i}, $s{i}, $g{i}, $x{i}, $cr{i}, $mo{i})");
            AddParameters(command, i, ("u", username), ("c", row.ContextKey), ("m", row.UsageKey), ("t", row.ModuleType), ("s", row.State), ("g", row.Grade),
                ("x", row.MaxGrade), ("cr", row.Created.UtcTicks), ("mo", row.Modified.UtcTicks));
        }

        sql.Append(" on conflict (username, course_id, module_id) do update set module_type = excluded.module_type, state = excluded.state, " +
                   "grade = excluded.grade, max_grade = excluded.max_grade, modified = excluded.modified");
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertHistoryAsync(SqliteConnection connection, SqliteTransaction transaction,
        (string Username, StudentModuleHistoryRow Entry)[] history, int firstOrder, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = new StringBuilder();
        for (var i = 0; i < history.Length; i++)
        {
            var (username, entry) = history[i];
            values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({firstOrder + i}, $c{i}, $m{i}, $cr{i}, $s{i}, $g{i}, $x{i}, $u{i})");
            AddParameters(command, i, ("u", username), ("c", entry.ContextKey), ("m", entry.UsageKey), ("cr", entry.Created.UtcTicks), ("s", entry.State),
                ("g", entry.Grade), ("x", entry.MaxGrade));
        }

        // VALUES columns are column1..column8: order, course_id, module_id, created, state, grade, max_grade, username.
        command.CommandText =
            "insert into student_module_history (student_module_id, created, state, grade, max_grade) " +
            "select m.id, h.column4, h.column5, h.column6, h.column7 from (values " + values + ") as h " +
            "join student_module m on m.username = h.column8 and m.course_id = h.column2 and m.module_id = h.column3 " +
            "order by h.column1";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameters(SqliteCommand command, int index, params (string Prefix, object? Value)[] parameters)
    {
        foreach (var (prefix, value) in parameters)
            command.Parameters.AddWithValue(string.Create(CultureInfo.InvariantCulture, $"${prefix}{index}"), value ?? DBNull.Value);
    }

    private static double? NullableDouble(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

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
