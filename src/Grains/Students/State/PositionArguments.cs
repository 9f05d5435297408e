using System.Collections.Immutable;
using System.Globalization;
using Actors.Grains.Keys;

namespace Actors.Grains.Students.State;

/// <summary>The argument rules of the position methods of <see cref="IStudentModuleGrain"/>: a course key with its run,
/// usage keys of blocks in that course (an <c>i4x://</c> key is mapped into the course, as Open edX's views do) and
/// positive positions. Each violation is an <see cref="InvalidArgumentException"/> naming what was wrong.</summary>
internal static class PositionArguments
{
    /// <summary>The name of the state field (Open edX's <c>SequenceBlock.position</c>).</summary>
    public const string Field = "position";

    public static CourseKey Course(string? courseKey, string parameterName)
    {
        StudentModuleArguments.Key(courseKey, parameterName);
        if (!CourseKey.TryParse(courseKey, out var key) || key.Run.Length == 0)
            throw new InvalidArgumentException($"'{courseKey}' is not a course key with its run.", parameterName);
        return key;
    }

    /// <summary>The stored key of <paramref name="usageKey"/>, a block of <paramref name="course"/>.</summary>
    public static StateBlockKey Block(CourseKey course, string? usageKey, string parameterName)
    {
        StudentModuleArguments.Key(usageKey, parameterName);
        if (!UsageKey.TryParse(usageKey, out var key))
            throw new InvalidArgumentException($"'{usageKey}' is not a usage key.", parameterName);
        if (!key.IsIn(course))
            throw new InvalidArgumentException($"'{usageKey}' is not a block of '{course}'.", parameterName);
        if (key.BlockType.Length > StudentModuleLimits.MaxBlockTypeLength)
            throw new InvalidArgumentException($"The block type is longer than {StudentModuleLimits.MaxBlockTypeLength} characters.", parameterName);
        return new StateBlockKey(key.MapIntoCourse(course).ToString(), course.ToString(), key.BlockType);
    }

    /// <summary>The fields of a position write: <c>{"position": n}</c>, n ≥ 1.</summary>
    public static ImmutableSortedDictionary<string, string> Fields(int position, string parameterName) =>
        position >= 1
            ? StateJson.NoFields.Add(Field, position.ToString(CultureInfo.InvariantCulture))
            : throw new InvalidArgumentException($"A position is a positive integer (1 for the first child); was {position}.", parameterName);

    /// <summary>The stored position in a state, or null when there is none or it is not a positive integer.</summary>
    public static int? Read(string? state) =>
        StateJson.Parse(state).TryGetValue(Field, out var raw)
        && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 1
            ? position
            : null;
}
