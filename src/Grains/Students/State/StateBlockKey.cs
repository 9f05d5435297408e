using System.Diagnostics.CodeAnalysis;
using Actors.Grains.Keys;

namespace Actors.Grains.Students.State;

/// <summary>
/// The key of a block whose learner state is stored, with the learning context it is stored under (Open edX's
/// <c>usage_key.context_key</c>): <c>block-v1:</c> and <c>ccx-block-v1:</c> blocks under their course (or CCX) key,
/// <c>lib-block-v1:</c> blocks under their <c>library-v1:</c> key, and v2 library blocks (<c>lb:</c>) under their
/// <c>lib:</c> key. The deprecated <c>i4x://</c> form is refused: it does not say its course run, so the context it
/// belongs to is unknown without the course (send the block's <c>block-v1:</c> key).
/// </summary>
/// <param name="UsageKey">The usage key, exactly as parsed.</param>
/// <param name="ContextKey">The learning context key.</param>
/// <param name="BlockType">The block type (the row's <c>module_type</c>).</param>
[GenerateSerializer, Immutable, Alias("actors.StateBlockKey")]
public sealed record StateBlockKey(string UsageKey, string ContextKey, string BlockType)
{
    /// <summary>The block type whose writes are recorded in history (Open edX: <c>module_type == 'problem'</c>).</summary>
    public const string ProblemType = "problem";

    /// <summary>Whether this block's state carries its score (<c>grade</c>/<c>max_grade</c>): a block type that can have a
    /// score (<see cref="Courses.Collect.ScoredBlocks.CarriesScore"/>), problems and ORA, drag-and-drop, staff-graded and
    /// LTI blocks among them.</summary>
    public bool CarriesScore => Courses.Collect.ScoredBlocks.CarriesScore(BlockType);

    /// <summary>Whether writes of this block are recorded in <c>student_module_history</c>.</summary>
    public bool HasHistory => BlockType == ProblemType;

    /// <summary>Parses <paramref name="text"/>; false with an <paramref name="error"/> for the caller when it is not the
    /// key of a block with learner state, or longer than <see cref="StudentModuleLimits"/> allow.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out StateBlockKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        error = Read(text, out key);
        return error is null;
    }

    private static string? Read(string? text, out StateBlockKey? key)
    {
        key = null;
        if (string.IsNullOrEmpty(text))
            return "Required: a usage key such as block-v1:Org+Course+Run+type@problem+block@p1.";
        if (text.Length > StudentModuleLimits.MaxKeyLength)
            return $"A usage key is at most {StudentModuleLimits.MaxKeyLength} characters.";
        if (text.StartsWith("i4x://", StringComparison.Ordinal))
            return $"'{Shorten(text)}' is a deprecated i4x:// key, which does not name its course run; send the block's block-v1: key.";
        if (Keys.UsageKey.TryParse(text, out var usage))
            key = new StateBlockKey(usage.ToString(), usage.CourseKey.ToString(), usage.BlockType);
        else if (LibraryV2BlockKey.TryParse(text, out var v2))
            key = new StateBlockKey(v2.ToString(), v2.LibraryKey.ToString(), v2.BlockType);
        else if (LibraryUsageKey.TryParse(text, out var v1))
            key = new StateBlockKey(v1.ToString(), v1.LibraryKey.ToString(), v1.BlockType);
        else
            return $"'{Shorten(text)}' is not a usage key (block-v1:Org+Course+Run+type@T+block@B, lb:Org:Lib:T:Id or lib-block-v1:Org+Lib+type@T+block@B).";
        if (key.BlockType.Length > StudentModuleLimits.MaxBlockTypeLength)
        {
            key = null;
            return $"The block type is longer than {StudentModuleLimits.MaxBlockTypeLength} characters.";
        }

        return null;
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
