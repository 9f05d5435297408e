using System.Text.Json.Serialization;

namespace Actors.Api.Positions;

/// <summary>What Open edX's sequence handler <c>goto_position</c> answers: <c>{"success": true}</c>.</summary>
/// <param name="Success">Always true.</param>
public sealed record GotoPositionResponse([property: JsonPropertyName("success")] bool Success)
{
    internal static GotoPositionResponse Ok { get; } = new(true);
}

/// <summary>What Open edX's sequence handler <c>get_completion</c> answers: <c>{"complete": true|false}</c>.</summary>
/// <param name="Complete">Whether every completable block of the unit has completion 1.0.</param>
public sealed record GetCompletionResponse([property: JsonPropertyName("complete")] bool Complete);

/// <summary>Open edX's mobile <c>course_status_info</c>: the last visited sequence and its path up to the course.</summary>
/// <param name="LastVisitedModuleId">The deepest block of the path (the first item of <paramref name="LastVisitedModulePath"/>).</param>
/// <param name="LastVisitedModulePath">Usage keys from the last visited sequence up to the course block.</param>
public sealed record CourseStatusResponse(
    [property: JsonPropertyName("last_visited_module_id")] string LastVisitedModuleId,
    [property: JsonPropertyName("last_visited_module_path")] IReadOnlyList<string> LastVisitedModulePath);
