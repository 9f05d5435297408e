using Actors.Grains.Students;
using Actors.Grains.Students.State;

namespace Actors.Grains.Storage;

/// <summary>The <see cref="IStudentStore"/> of a silo without a database: rows live in this object and are lost when
/// the process ends. Thread-safe.</summary>
public sealed class MemoryStudentStore : IStudentStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, Enrollment>> _enrollments = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Username, string ContextKey), Dictionary<string, BlockCompletion>> _completions = [];
    private readonly Dictionary<(string Username, string ContextKey), Dictionary<string, StudentModuleRow>> _modules = [];
    private readonly Dictionary<(string Username, string ContextKey, string UsageKey), List<StudentModuleHistoryRow>> _history = [];

    /// <inheritdoc />
    public Task<IReadOnlyList<Enrollment>> LoadEnrollmentsAsync(string username, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<Enrollment> rows = _enrollments.TryGetValue(username, out var byCourse) ? [.. byCourse.Values] : [];
            return Task.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public Task<Enrollment> UpsertEnrollmentAsync(Enrollment enrollment, DateTimeOffset modified, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_enrollments.TryGetValue(enrollment.Username, out var byCourse))
                _enrollments[enrollment.Username] = byCourse = new Dictionary<string, Enrollment>(StringComparer.Ordinal);
            var stored = byCourse.TryGetValue(enrollment.CourseId, out var existing) ? enrollment with { Created = existing.Created } : enrollment;
            byCourse[enrollment.CourseId] = stored;
            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<BlockCompletion>> LoadCompletionsAsync(string username, string contextKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<BlockCompletion> rows = _completions.TryGetValue((username, contextKey), out var byBlock) ? [.. byBlock.Values] : [];
            return Task.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public Task UpsertCompletionAsync(string username, string contextKey, BlockCompletion completion, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_completions.TryGetValue((username, contextKey), out var byBlock))
                _completions[(username, contextKey)] = byBlock = new Dictionary<string, BlockCompletion>(StringComparer.Ordinal);
            byBlock[completion.BlockKey] = completion;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StudentModuleRow>> LoadStudentModulesAsync(string username, string contextKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<StudentModuleRow> rows = _modules.TryGetValue((username, contextKey), out var byBlock) ? [.. byBlock.Values] : [];
            return Task.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public Task WriteStudentModulesAsync(IReadOnlyList<LearnerStateBatch> batches, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            foreach (var (username, rows, history) in batches)
            {
                foreach (var row in rows)
                {
                    if (!_modules.TryGetValue((username, row.ContextKey), out var byBlock))
                        _modules[(username, row.ContextKey)] = byBlock = new Dictionary<string, StudentModuleRow>(StringComparer.Ordinal);
                    byBlock[row.UsageKey] = byBlock.TryGetValue(row.UsageKey, out var existing) ? row with { Created = existing.Created } : row;
                }

                foreach (var entry in history)
                {
                    if (!_history.TryGetValue((username, entry.ContextKey, entry.UsageKey), out var entries))
                        _history[(username, entry.ContextKey, entry.UsageKey)] = entries = [];
                    entries.Add(entry);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StudentModuleHistoryRow>> LoadStudentModuleHistoryAsync(string username, string contextKey, string usageKey,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<StudentModuleHistoryRow> rows = _history.TryGetValue((username, contextKey, usageKey), out var entries)
                ? Enumerable.Reverse(entries).ToList()
                : [];
            return Task.FromResult(rows);
        }
    }
}
