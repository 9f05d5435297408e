using Actors.Grains.Students;
using Actors.Grains.Students.State;
using Npgsql;

namespace Actors.Grains.Storage;

/// <summary>The <see cref="IStudentStore"/> of a PostgreSQL silo: the <c>enrollment</c>, <c>block_completion</c>,
/// <c>student_module</c> and <c>student_module_history</c> tables (<c>Postgres/Migrations</c>), through the silo's one
/// <see cref="NpgsqlDataSource"/>. Each call is one statement, committed on its own, except
/// the courseware state writes: one transaction of two statements sent in one round trip, with no BEGIN or COMMIT of
/// its own (a batch without an explicit transaction runs as one implicit transaction that commits at its end, or rolls
/// back whole when a statement fails): a multi-row upsert over <c>unnest</c>ed arrays with a username column, so one
/// transaction carries the batches of many learners, then the history rows joined to the upserted ids.</summary>
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

    /// <inheritdoc />
    public Task<IReadOnlyList<StudentModuleRow>> LoadStudentModulesAsync(string username, string contextKey, CancellationToken cancellationToken) =>
        RunAsync($"loading the courseware state of '{username}' in '{contextKey}'", async () =>
        {
            await using var command = Command(
                "select module_id, module_type, state, grade, max_grade, created, modified from student_module " +
                "where username = @username and course_id = @context",
                ("username", username), ("context", contextKey));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<StudentModuleRow>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new StudentModuleRow(contextKey, reader.GetString(0), reader.GetString(1), NullableString(reader, 2),
                    NullableDouble(reader, 3), NullableDouble(reader, 4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6)));
            }

            return (IReadOnlyList<StudentModuleRow>)rows;
        });

    /// <inheritdoc />
    /// <remarks>Every batch's rows in one multi-row upsert over <c>unnest</c>ed arrays (with a username column), then
    /// every history entry joined to the upserted ids, in list order: two statements of one implicit transaction, sent
    /// and committed in one round trip (an explicit BEGIN … COMMIT costs a second one, for the COMMIT).</remarks>
    public Task WriteStudentModulesAsync(IReadOnlyList<LearnerStateBatch> batches, CancellationToken cancellationToken) =>
        RunAsync(LearnerStateBatch.Describe(batches), async () =>
        {
            var rows = LearnerStateBatch.RowsOf(batches);
            if (rows.Count == 0)
                return 0;
            var history = LearnerStateBatch.HistoryOf(batches);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(Batch(
                "insert into student_module (username, course_id, module_id, module_type, state, grade, max_grade, created, modified) " +
                "select r.username, r.course_id, r.module_id, r.module_type, r.state, r.grade, r.max_grade, r.created, r.modified " +
                "from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::timestamptz[], $9::timestamptz[]) " +
                "as r(username, course_id, module_id, module_type, state, grade, max_grade, created, modified) " +
                "on conflict (username, course_id, module_id) do update set module_type = excluded.module_type, state = excluded.state, " +
                "grade = excluded.grade, max_grade = excluded.max_grade, modified = excluded.modified",
                rows.Select(r => r.Username).ToArray(), rows.Select(r => r.Row.ContextKey).ToArray(), rows.Select(r => r.Row.UsageKey).ToArray(),
                rows.Select(r => r.Row.ModuleType).ToArray(), rows.Select(r => r.Row.State).ToArray(), rows.Select(r => r.Row.Grade).ToArray(),
                rows.Select(r => r.Row.MaxGrade).ToArray(), rows.Select(r => r.Row.Created.ToUniversalTime()).ToArray(),
                rows.Select(r => r.Row.Modified.ToUniversalTime()).ToArray()));
            if (history.Count > 0)
            {
                batch.BatchCommands.Add(Batch(
                    "insert into student_module_history (student_module_id, created, state, grade, max_grade) " +
                    "select m.id, h.created, h.state, h.grade, h.max_grade " +
                    "from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::float8[], $7::float8[]) with ordinality " +
                    "as h(username, course_id, module_id, created, state, grade, max_grade, ord) " +
                    "join student_module m on m.username = h.username and m.course_id = h.course_id and m.module_id = h.module_id " +
                    "order by h.ord",
                    history.Select(h => h.Username).ToArray(), history.Select(h => h.Entry.ContextKey).ToArray(),
                    history.Select(h => h.Entry.UsageKey).ToArray(), history.Select(h => h.Entry.Created.ToUniversalTime()).ToArray(),
                    history.Select(h => h.Entry.State).ToArray(), history.Select(h => h.Entry.Grade).ToArray(),
                    history.Select(h => h.Entry.MaxGrade).ToArray()));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            return 0;
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<StudentModuleHistoryRow>> LoadStudentModuleHistoryAsync(string username, string contextKey, string usageKey,
        CancellationToken cancellationToken) =>
        RunAsync($"loading the history of '{usageKey}' for '{username}'", async () =>
        {
            await using var command = Command(
                "select h.state, h.grade, h.max_grade, h.created from student_module_history h " +
                "join student_module m on m.id = h.student_module_id " +
                "where m.username = @username and m.course_id = @context and m.module_id = @usage order by h.id desc",
                ("username", username), ("context", contextKey), ("usage", usageKey));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<StudentModuleHistoryRow>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new StudentModuleHistoryRow(contextKey, usageKey, NullableString(reader, 0), NullableDouble(reader, 1), NullableDouble(reader, 2),
                    reader.GetFieldValue<DateTimeOffset>(3)));
            }

            return (IReadOnlyList<StudentModuleHistoryRow>)rows;
        });

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static double? NullableDouble(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static NpgsqlBatchCommand Batch(string sql, params object[] positional)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in positional)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

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
