namespace Actors.Grains.Students.State;

/// <summary>One row of <c>student_module</c> (Open edX's <c>StudentModule</c>) of the learner a store call names.</summary>
/// <param name="ContextKey">The learning context (column <c>course_id</c>): a course key, or the <c>lib:</c> key of a v2
/// library block.</param>
/// <param name="UsageKey">The block (column <c>module_id</c>).</param>
/// <param name="ModuleType">The block type.</param>
/// <param name="State">The JSON object of the block's fields; <c>{}</c> once deleted; null never looked at.</param>
/// <param name="Grade">Raw points earned, or null.</param>
/// <param name="MaxGrade">Raw points possible, or null.</param>
/// <param name="Created">The first write (UTC, whole microseconds).</param>
/// <param name="Modified">The last write (UTC, whole microseconds).</param>
public sealed record StudentModuleRow(
    string ContextKey, string UsageKey, string ModuleType, string? State, double? Grade, double? MaxGrade,
    DateTimeOffset Created, DateTimeOffset Modified);

/// <summary>One row of <c>student_module_history</c>: what one write left in a <c>problem</c> block's row.</summary>
/// <param name="ContextKey">The row's learning context.</param>
/// <param name="UsageKey">The row's block.</param>
/// <param name="State">The state after the write.</param>
/// <param name="Grade">The grade after the write.</param>
/// <param name="MaxGrade">The max grade after the write.</param>
/// <param name="Created">The write's <c>modified</c>.</param>
public sealed record StudentModuleHistoryRow(string ContextKey, string UsageKey, string? State, double? Grade, double? MaxGrade, DateTimeOffset Created);
