namespace Actors.Runtime.Tests.Grains;

/// <summary>A value with one of each kind of field that grain calls carry between processes.</summary>
public sealed record Enrollment(
    string CourseKey,
    Guid UserId,
    long Sequence,
    TimeSpan Duration,
    DateTimeOffset EnrolledAt,
    IReadOnlyList<string> Tags,
    Dictionary<string, int> Scores,
    int? Grade,
    Enrollment? Previous);

/// <summary>Echoes values and throws exceptions, to check what survives a trip over the wire.</summary>
public interface IWireGrain : IGrainWithStringKey
{
    Task<Enrollment> Echo(Enrollment enrollment);

    Task<int?> EchoNullable(int? value);

    Task<string?> EchoNullableText(string? text);

    Task<TimeSpan> AddDurations(TimeSpan left, TimeSpan right);

    Task<List<Guid>> Reverse(Guid[] ids);

    Task<long> Sum(IReadOnlyList<long> values);

    Task<(string Name, int Count)> Swap((int Count, string Name) pair);

    Task<Dictionary<string, Enrollment>> Index(List<Enrollment> enrollments);

    Task DoNothing();

    Task ThrowTestException(string message);

    Task ThrowCourseClosed(string courseKey, int attempts);

    Task ThrowUnbuildable(int code);
}

/// <summary>A grain exception with data beyond its message, which every constructor parameter names.</summary>
public sealed class CourseClosedException(string courseKey, int attempts, string message) : Exception(message)
{
    public string CourseKey { get; } = courseKey;

    public int Attempts { get; } = attempts;
}

/// <summary>An exception the runtime cannot rebuild: its constructor takes a value no property exposes.</summary>
public sealed class UnbuildableException(int code) : Exception($"unbuildable {code}");
