namespace Actors.Grains.Students.State;

/// <summary>Learners' courseware state: group commit and limits. Section <c>Actors:Students</c>; validated at start.</summary>
public sealed class StudentStateOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Actors:Students";

    /// <summary>How long the first write into an empty batch waits for more writes of the same learner before the batch
    /// is flushed (writes arriving while a flush is in flight join the next batch without waiting). 0 flushes at the
    /// grain's next turn. Default 0: batches form by themselves while the previous one commits (measured with 64
    /// writers on one learner: 3.8× Open edX's writes/s at 0, 2.7× at 2 ms, whose wait only added latency).</summary>
    public TimeSpan FlushWindow { get; set; } = TimeSpan.Zero;

    /// <summary>The most writes (calls of set, set_many or delete) in one learner batch, which one transaction commits
    /// (writes arriving while the learner's batch is in the store join the batch queued behind it up to this many); that
    /// many pending writes are flushed at once. Default 256.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>How long the silo's committer (<see cref="StudentStateCommitter"/>) waits, after the first learner batch
    /// arrives with no transaction in flight, for more learners' batches to share its transaction. 0 commits at once
    /// (batches arriving while a transaction is in flight share the next one without waiting). Default 0.</summary>
    public TimeSpan CommitWindow { get; set; } = TimeSpan.Zero;

    /// <summary>The most <c>student_module</c> rows one committer transaction gathers from learners' batches; a learner's
    /// batch is never split, so a transaction holds at least one batch whatever its size. Default 5,000.</summary>
    public int MaxRowsPerTransaction { get; set; } = 5000;

    /// <summary>The largest state one block may be sent in one write, in UTF-8 bytes of its JSON object. Default
    /// 1 MiB (1,048,576).</summary>
    public int MaxStateBytes { get; set; } = 1024 * 1024;

    /// <summary>The most blocks one get_many or set_many call may name. Default 1,000.</summary>
    public int MaxBlocksPerCall { get; set; } = 1000;

    /// <summary>Why these options are invalid, or null.</summary>
    internal string? Validate() =>
        FlushWindow < TimeSpan.Zero || FlushWindow > TimeSpan.FromSeconds(1) ? "Actors:Students:FlushWindow must be from 0 to 1 second."
        : MaxBatchSize < 1 ? "Actors:Students:MaxBatchSize must be at least 1."
        : CommitWindow < TimeSpan.Zero || CommitWindow > TimeSpan.FromSeconds(1) ? "Actors:Students:CommitWindow must be from 0 to 1 second."
        : MaxRowsPerTransaction < 1 ? "Actors:Students:MaxRowsPerTransaction must be at least 1."
        : MaxStateBytes < 2 ? "Actors:Students:MaxStateBytes must be at least 2 (an empty JSON object)."
        : MaxBlocksPerCall < 1 ? "Actors:Students:MaxBlocksPerCall must be at least 1."
        : null;
}
