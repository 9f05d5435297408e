namespace Actors.Grains.Students.State;

/// <summary>What one learner's grain activation did with courseware state writes since it was activated (counters
/// start at zero on each activation).</summary>
/// <param name="SkippedCrawlerWrites">Writes from crawlers that were answered as successes without writing: state,
/// completion and enrollment writes alike.</param>
/// <param name="Writes">State writes acknowledged (each <c>set</c>, <c>set_many</c> or <c>delete</c> call once).</param>
/// <param name="Flushes">Batches committed, each in one store transaction (shared with other learners' batches by the
/// silo's <see cref="StudentStateCommitter"/>).</param>
/// <param name="FailedFlushes">Batches whose transaction failed (their writes failed).</param>
/// <param name="FailedWrites">State writes that failed with their batch.</param>
/// <param name="PendingWrites">State writes received and not yet handed to the committer (now).</param>
/// <param name="InFlightWrites">State writes handed to the committer whose transaction has not been decided yet (now).</param>
[GenerateSerializer, Immutable, Alias("actors.StudentWriteStatistics")]
public sealed record StudentWriteStatistics(
    long SkippedCrawlerWrites, long Writes, long Flushes, long FailedFlushes, long FailedWrites, int PendingWrites = 0, int InFlightWrites = 0);
