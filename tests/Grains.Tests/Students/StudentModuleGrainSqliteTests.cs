using Actors.Grains.Storage;
using Actors.Grains.Students;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Students;

/// <summary><see cref="IStudentModuleGrain"/> in a silo on a SQLite file (the embedded default): the store follows
/// the silo's database, and what the grain acknowledged is there after a silo restart.</summary>
public sealed class StudentModuleGrainSqliteTests : IDisposable
{
    private const string Course = "course-v1:Org+Course+Run";
    private const string Problem1 = "block-v1:Org+Course+Run+type@problem+block@p1";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SqliteStudentDatabase _database = new();

    [Fact]
    public async Task Silo_WithSqlite_UsesTheSqliteStudentStore()
    {
        await using var silo = await TestSilo.StartAsync(sqlitePath: _database.Path);

        Assert.IsType<SqliteStudentStore>(silo.Services.GetRequiredService<IStudentStore>());
    }

    [Fact]
    public async Task Silo_WithoutDatabase_UsesTheMemoryStudentStore()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.IsType<MemoryStudentStore>(silo.Services.GetRequiredService<IStudentStore>());
    }

    [Fact]
    public async Task EnrollmentsAndCompletions_AfterSiloRestart_AreKept_AndTheVersionNeverRepeats()
    {
        var clock = new ManualClock(T0);
        Enrollment enrolled;
        CourseCompletion before;
        await using (var silo = await TestSilo.StartAsync(clock, sqlitePath: _database.Path))
        {
            var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
            enrolled = await grain.EnrollAsync(Course, "verified", isActive: true);
            before = await grain.PublishCompletionAsync(Course, Problem1, "problem", 0.5);
        }

        clock.Now = T0.AddHours(-2); // the new process's clock is behind
        await using (var silo = await TestSilo.StartAsync(clock, sqlitePath: _database.Path))
        {
            var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
            var after = await grain.GetCompletionAsync(Course);
            var next = await grain.PublishCompletionAsync(Course, Problem1, "problem", 1.0);

            Assert.Equal(enrolled, await grain.GetEnrollmentAsync(Course));
            Assert.Equal(before.Version, after.Version);
            Assert.Equal(before.Blocks[Problem1], after.Blocks[Problem1]);
            Assert.True(next.Version > before.Version);
        }
    }

    public void Dispose() => _database.Dispose();
}
