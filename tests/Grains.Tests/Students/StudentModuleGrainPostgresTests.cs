using Actors.Grains.Storage;
using Actors.Grains.Students;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Students;

/// <summary><see cref="IStudentModuleGrain"/> in a silo on PostgreSQL: the silo migrates the openedx tables at start,
/// the store follows the silo's database, and acknowledged writes are there after a silo restart.</summary>
[Trait("Category", "Postgres")]
public sealed class StudentModuleGrainPostgresTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const string Course = "course-v1:Org+Course+Run";
    private const string Html1 = "block-v1:Org+Course+Run+type@html+block@h1";

    [Fact]
    public async Task EnrollmentsAndCompletions_AfterSiloRestart_AreKept_AndTheVersionNeverRepeats()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567));
        Enrollment enrolled;
        CourseCompletion before;
        await using (var silo = await TestSilo.StartAsync(clock, postgresConnectionString: database.ConnectionString))
        {
            Assert.IsType<PostgresStudentStore>(silo.Services.GetRequiredService<IStudentStore>());
            var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
            enrolled = await grain.EnrollAsync(Course, "audit", isActive: true);
            before = await grain.PublishCompletionAsync(Course, Html1, "html", 1.0);
        }

        await using (var silo = await TestSilo.StartAsync(clock, postgresConnectionString: database.ConnectionString))
        {
            var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
            var after = await grain.GetCompletionAsync(Course);
            var next = await grain.PublishCompletionAsync(Course, Html1, "html", 0.5);

            Assert.Equal(enrolled, await grain.GetEnrollmentAsync(Course));
            Assert.Equal(before.Version, after.Version);
            Assert.Equal(before.Blocks[Html1], after.Blocks[Html1]);
            Assert.Equal(before.Version + TimeSpan.TicksPerMicrosecond, next.Version);
        }
    }
}
