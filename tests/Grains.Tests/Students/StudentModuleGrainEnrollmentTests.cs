using Actors.Grains.Students;

namespace Actors.Grains.Tests.Students;

/// <summary>Enrollments in <see cref="IStudentModuleGrain"/> (in-memory store).</summary>
public sealed class StudentModuleGrainEnrollmentTests
{
    private const string Course = "course-v1:Org+Course+Run";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Enroll_NewCourse_ReturnsActiveEnrollmentCreatedNow()
    {
        await using var silo = await TestSilo.StartAsync(new ManualClock(T0));

        var enrollment = await silo.Grains.GetGrain<IStudentModuleGrain>("alice").EnrollAsync(Course, "audit", isActive: true);

        Assert.Equal(new Enrollment("alice", Course, "audit", true, T0), enrollment);
    }

    [Fact]
    public async Task Enroll_ThenUnenroll_IsInactiveAndKeepsCreated()
    {
        var clock = new ManualClock(T0);
        await using var silo = await TestSilo.StartAsync(clock);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        await grain.EnrollAsync(Course, "verified", isActive: true);
        clock.Now = T0.AddDays(1);
        var unenrolled = await grain.EnrollAsync(Course, "verified", isActive: false);

        Assert.Equal(new Enrollment("alice", Course, "verified", false, T0), unenrolled);
        Assert.Equal(unenrolled, await grain.GetEnrollmentAsync(Course));
    }

    [Fact]
    public async Task Enroll_AgainWithAnotherMode_ChangesModeAndKeepsCreated()
    {
        var clock = new ManualClock(T0);
        await using var silo = await TestSilo.StartAsync(clock);
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        await grain.EnrollAsync(Course, "audit", isActive: false);
        clock.Now = T0.AddHours(5);
        var upgraded = await grain.EnrollAsync(Course, "verified", isActive: true);

        Assert.Equal(new Enrollment("alice", Course, "verified", true, T0), upgraded);
    }

    [Fact]
    public async Task GetEnrollment_NeverEnrolled_ReturnsNull()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.Null(await silo.Grains.GetGrain<IStudentModuleGrain>("alice").GetEnrollmentAsync(Course));
    }

    [Fact]
    public async Task GetEnrollments_SeveralCourses_ReturnsAllNewestFirst_OnlyThisLearners()
    {
        var clock = new ManualClock(T0);
        await using var silo = await TestSilo.StartAsync(clock);
        var alice = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        await alice.EnrollAsync("course-v1:Org+A+Run", "audit", isActive: true);
        clock.Now = T0.AddMinutes(1);
        await alice.EnrollAsync("course-v1:Org+B+Run", "verified", isActive: false);
        await silo.Grains.GetGrain<IStudentModuleGrain>("Alice").EnrollAsync("course-v1:Org+C+Run", "audit", isActive: true);

        var enrollments = await alice.GetEnrollmentsAsync();

        Assert.Equal(["course-v1:Org+B+Run", "course-v1:Org+A+Run"], enrollments.Select(e => e.CourseId));
    }

    [Fact]
    public async Task Enrollments_AfterDeactivation_AreLoadedFromTheStore()
    {
        await using var silo = await TestSilo.StartAsync(new ManualClock(T0));
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        var enrolled = await grain.EnrollAsync(Course, "honor", isActive: true);

        Assert.True(await silo.CollectAsync() > 0);

        Assert.Equal([enrolled], await grain.GetEnrollmentsAsync());
    }

    [Theory]
    [InlineData("", "audit", "courseId")]
    [InlineData(Course, "", "mode")]
    [InlineData(Course, "Verified", "mode")]
    [InlineData(Course, "no id", "mode")]
    [InlineData(Course, "-audit", "mode")]
    [InlineData(Course, "audit\n", "mode")]
    public async Task Enroll_InvalidArgument_ThrowsArgumentExceptionNamingIt(string courseId, string mode, string parameter)
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");

        var exception = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.EnrollAsync(courseId, mode, isActive: true));

        Assert.Equal(parameter, exception.ParamName);
        Assert.Empty(await grain.GetEnrollmentsAsync());
    }

    [Theory]
    [InlineData("no-id-professional")]
    [InlineData("executive-education")]
    [InlineData("paid_bootcamp")]
    [InlineData("credit")]
    public async Task Enroll_AnyLowerCaseModeSlug_IsAccepted(string mode)
    {
        await using var silo = await TestSilo.StartAsync();

        var enrollment = await silo.Grains.GetGrain<IStudentModuleGrain>("alice").EnrollAsync(Course, mode, isActive: true);

        Assert.Equal(mode, enrollment.Mode);
    }

    [Fact]
    public async Task Enroll_StoreWriteFails_LeavesTheEnrollmentAsItWas()
    {
        var store = new FailingStudentStore();
        await using var silo = await TestSilo.StartAsync(new ManualClock(T0), services => services.AddStudentStore(store));
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        var enrolled = await grain.EnrollAsync(Course, "audit", isActive: true);

        store.FailWrites = true;
        await Assert.ThrowsAsync<Actors.Grains.Storage.StorageException>(() => grain.EnrollAsync(Course, "audit", isActive: false));
        await Assert.ThrowsAsync<Actors.Grains.Storage.StorageException>(() => grain.EnrollAsync("course-v1:Org+Other+Run", "audit", isActive: true));

        Assert.Equal([enrolled], await grain.GetEnrollmentsAsync());
        store.FailWrites = false;
        Assert.False((await grain.EnrollAsync(Course, "audit", isActive: false)).IsActive);
    }

    [Fact]
    public async Task GetCourseState_CompletionsOnlyWhileTheEnrollmentIsActive()
    {
        await using var silo = await TestSilo.StartAsync(new ManualClock(T0));
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>("alice");
        const string problem = "block-v1:Org+Course+Run+type@problem+block@p1";

        Assert.Equal(new LearnerCourseState(null, null), await grain.GetCourseStateAsync(Course));

        var enrolled = await grain.EnrollAsync(Course, "audit", isActive: true);
        await grain.PublishCompletionAsync(Course, problem, "problem", 1.0);
        var active = await grain.GetCourseStateAsync(Course);
        Assert.Equal(enrolled, active.Enrollment);
        Assert.Equal(1.0, Assert.Single(active.Completion!.Blocks).Value.Completion);
        Assert.Equal((await grain.GetCompletionAsync(Course)).Version, active.Completion.Version);

        var unenrolled = await grain.EnrollAsync(Course, "audit", isActive: false);
        Assert.Equal(new LearnerCourseState(unenrolled, null), await grain.GetCourseStateAsync(Course));
    }
}
