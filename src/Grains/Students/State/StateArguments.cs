using System.Collections.Immutable;
using System.Text;

namespace Actors.Grains.Students.State;

/// <summary>The argument rules of the courseware state methods of <see cref="IStudentModuleGrain"/>; each violation is an
/// <see cref="InvalidArgumentException"/> naming what was wrong, and nothing is written.</summary>
internal static class StateArguments
{
    public static StateBlockKey BlockKey(string? usageKey, string parameterName) =>
        StateBlockKey.TryParse(usageKey, out var key, out var error) ? key : throw new InvalidArgumentException(error, parameterName);

    /// <summary>The fields of a state sent for <paramref name="key"/>: a JSON object of at most
    /// <see cref="StudentStateOptions.MaxStateBytes"/> UTF-8 bytes; a scored block's <c>score</c> field must be a score.
    /// Violations name <paramref name="parameterName"/>, or <paramref name="scoreParameterName"/> for the score.</summary>
    public static ImmutableSortedDictionary<string, string> State(StateBlockKey key, string? state, StudentStateOptions options,
        string parameterName, string scoreParameterName)
    {
        if (state is null)
            throw new InvalidArgumentException("Required: a JSON object of fields.", parameterName);
        if (state.Length > options.MaxStateBytes || Encoding.UTF8.GetByteCount(state) > options.MaxStateBytes)
            throw new InvalidArgumentException($"A state is at most {options.MaxStateBytes} bytes of JSON.", parameterName);
        var fields = StateJson.TryParseObject(state, out var error) ?? throw new InvalidArgumentException(error!, parameterName);
        if (key.CarriesScore && StateJson.TryReadScore(fields, out var scoreError) is null)
            throw new InvalidArgumentException(scoreError!, scoreParameterName);
        return fields;
    }

    public static IReadOnlyList<string>? Fields(IReadOnlyList<string>? fields, string parameterName)
    {
        if (fields is not null && fields.Any(string.IsNullOrEmpty))
            throw new InvalidArgumentException("Field names must not be empty.", parameterName);
        return fields;
    }

    public static void Count(int count, StudentStateOptions options, string parameterName)
    {
        if (count == 0)
            throw new InvalidArgumentException("Name at least one block.", parameterName);
        if (count > options.MaxBlocksPerCall)
            throw new InvalidArgumentException($"At most {options.MaxBlocksPerCall} blocks per call.", parameterName);
    }
}
