namespace Actors.Runtime.Tests.Grains;

public sealed class WireGrain : Grain, IWireGrain
{
    public Task<Enrollment> Echo(Enrollment enrollment) => Task.FromResult(enrollment);

    public Task<int?> EchoNullable(int? value) => Task.FromResult(value);

    public Task<string?> EchoNullableText(string? text) => Task.FromResult(text);

    public Task<TimeSpan> AddDurations(TimeSpan left, TimeSpan right) => Task.FromResult(left + right);

    public Task<List<Guid>> Reverse(Guid[] ids) => Task.FromResult(ids.Reverse().ToList());

    public Task<long> Sum(IReadOnlyList<long> values) => Task.FromResult(values.Sum());

    public Task<(string Name, int Count)> Swap((int Count, string Name) pair) => Task.FromResult((pair.Name, pair.Count));

    public Task<Dictionary<string, Enrollment>> Index(List<Enrollment> enrollments) =>
        Task.FromResult(enrollments.ToDictionary(e => e.CourseKey));

    public Task DoNothing() => Task.CompletedTask;

    public Task ThrowTestException(string message) => throw new TestGrainException(message);

    public async Task ThrowCourseClosed(string courseKey, int attempts)
    {
        await Task.Yield();
        throw new CourseClosedException(courseKey, attempts, $"{courseKey} is closed");
    }

    public Task ThrowUnbuildable(int code) => throw new UnbuildableException(code);
}
