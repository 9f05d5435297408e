using Actors.Grains.Students.State;
using Orleans.Concurrency;

namespace Actors.Grains.Students;

/// <summary>
/// The user-state client (Open edX's <c>DjangoXBlockUserStateClient</c>, <c>shared/openedx.md</c> §d.4) over the
/// learner's <c>student_module</c> rows. Usage keys are parsed as <see cref="StateBlockKey"/>: a block's state lives under
/// its learning context (course, CCX, v1 library, or the <c>lib:</c> key of a v2 library block).
/// <para><b>Group commit.</b> Writes are <see cref="AlwaysInterleaveAttribute"/>: concurrent writes of the learner join
/// one pending batch, one store transaction commits it, and each write's task completes only once its batch is durable
/// (or fails with it). <b>Reads see durable state only</b>: a read while a batch is pending answers what was committed
/// before it, never data that could still fail.</para>
/// </summary>
public partial interface IStudentModuleGrain
{
    /// <summary>Open edX's <c>get</c>: the block's fields (only <paramref name="fields"/> that exist, when given), or null
    /// (DoesNotExist) when the learner has no row for it or its state is <c>{}</c>.</summary>
    [ReadOnly]
    [Alias("GetState")]
    Task<XBlockUserState?> GetStateAsync(string usageKey, IReadOnlyList<string>? fields = null, CancellationToken cancellationToken = default);

    /// <summary>Open edX's <c>get_many</c>: one record per named block that has state (absent ones are omitted), in the
    /// order named, each key once.</summary>
    [ReadOnly]
    [Alias("GetStates")]
    Task<IReadOnlyList<XBlockUserState>> GetStatesAsync(IReadOnlyList<string> usageKeys, IReadOnlyList<string>? fields = null,
        CancellationToken cancellationToken = default);

    /// <summary>Open edX's <c>set</c>: overlays the fields of the JSON object <paramref name="state"/> onto the block's
    /// stored fields (creating the row; <c>{}</c> on a new block creates a row that reads as absent). Completes once durable.</summary>
    [AlwaysInterleave]
    [Alias("SetState")]
    Task SetStateAsync(string usageKey, string state, string? userAgent = null, CancellationToken cancellationToken = default);

    /// <summary>Open edX's <c>set_many</c>: <see cref="SetStateAsync"/> for each block (usage key → JSON object), all in
    /// one transaction; never drops a block.</summary>
    [AlwaysInterleave]
    [Alias("SetStates")]
    Task SetStatesAsync(IReadOnlyDictionary<string, string> states, string? userAgent = null, CancellationToken cancellationToken = default);

    /// <summary>Open edX's <c>delete</c>: with <paramref name="fields"/> null the state becomes <c>{}</c>, otherwise only
    /// those fields are removed. A block without a row is ignored. Completes once durable.</summary>
    [AlwaysInterleave]
    [Alias("DeleteState")]
    Task DeleteStateAsync(string usageKey, IReadOnlyList<string>? fields = null, string? userAgent = null, CancellationToken cancellationToken = default);

    /// <summary>Open edX's <c>get_history</c>: newest first, a state of <c>{}</c> as null; null (DoesNotExist) when the
    /// learner has no row for the block or the row has no history (always so for blocks other than <c>problem</c>).</summary>
    [ReadOnly]
    [Alias("GetStateHistory")]
    Task<IReadOnlyList<XBlockUserState>?> GetStateHistoryAsync(string usageKey, CancellationToken cancellationToken = default);

    /// <summary>The learner's scores in <paramref name="contextKey"/> (rows with both <c>grade</c> and <c>max_grade</c>),
    /// by usage key.</summary>
    [ReadOnly]
    [Alias("GetScores")]
    Task<IReadOnlyDictionary<string, BlockScore>> GetScoresAsync(string contextKey, CancellationToken cancellationToken = default);

    /// <summary>This activation's write counters: crawler writes skipped, writes, flushes (store transactions), failures.</summary>
    [ReadOnly]
    [Alias("GetWriteStatistics")]
    Task<StudentWriteStatistics> GetWriteStatisticsAsync(CancellationToken cancellationToken = default);
}
