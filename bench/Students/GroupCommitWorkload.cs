using System.Globalization;

namespace Actors.Bench.Students;

/// <summary>
/// What the group-commit benchmark writes: the user_state of <c>video</c> blocks of one course (not <c>problem</c>, so
/// neither side writes history), one field that changes on every write. Two scales: one learner's 256 blocks (a
/// browser or a downloader loading many units at once), and 1,000 learners with 4 blocks each. Caller c only ever writes
/// its own rows (one learner: blocks c, c+64, c+128, c+192; spread: learners c, c+64, ... below 1,000, 4 blocks each),
/// so the baseline's writers never wait on each other's row locks.
/// </summary>
/// <param name="users">1 or 1,000.</param>
/// <param name="usernamePrefix">Each row of the report writes learners of its own, so no side reads the other's rows.</param>
internal sealed class GroupCommitWorkload(int users, string usernamePrefix)
{
    public const int Callers = 64;
    public const string CourseId = "course-v1:BenchX+GC101+2026";
    public const string ModuleType = "video";

    public int Users { get; } = users;

    public int BlocksPerUser => Users == 1 ? 256 : 4;

    /// <summary>How many writes of one caller touch each of its rows once (the priming pass).</summary>
    public int RowsOf(int caller) => UsersOf(caller) * BlocksPerUser / (Users == 1 ? Callers : 1);

    /// <summary>The learner and block of caller <paramref name="caller"/>'s <paramref name="n"/>th write.</summary>
    public (string Username, string UsageKey) Target(int caller, long n)
    {
        if (Users == 1)
            return (Username(0), UsageKey(caller + Callers * (int)(n % (BlocksPerUser / Callers))));
        var owned = UsersOf(caller);
        return (Username(caller + Callers * (int)(n % owned)), UsageKey((int)(n / owned % BlocksPerUser)));
    }

    /// <summary>The state a write sends: a video's saved position, the caller's write counter (so it always changes).</summary>
    public static string State(long n) => "{\"saved_video_position\": " + n.ToString(CultureInfo.InvariantCulture) + "}";

    public string Username(int user) => usernamePrefix + user.ToString(CultureInfo.InvariantCulture);

    private static string UsageKey(int block) => "block-v1:BenchX+GC101+2026+type@video+block@v" + block.ToString(CultureInfo.InvariantCulture);

    private int UsersOf(int caller) => Users == 1 ? 1 : (Users - caller + Callers - 1) / Callers;
}
