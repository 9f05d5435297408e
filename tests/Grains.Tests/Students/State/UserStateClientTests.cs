using Actors.Grains.Students;

namespace Actors.Grains.Tests.Students.State;

/// <summary>
/// The user-state client's behaviours (shared/openedx.md §d.4) as a table of cases: each case is a sequence of calls
/// on a fresh learner and the answers the reads must give. One silo (memory store) serves every case of the class.
/// </summary>
public sealed class UserStateClientTests(UserStateClientTests.Silo silo) : IClassFixture<UserStateClientTests.Silo>
{
    private const string Course = "course-v1:Org+Course+Run";
    private const string P1 = "block-v1:Org+Course+Run+type@problem+block@p1";
    private const string P2 = "block-v1:Org+Course+Run+type@problem+block@p2";
    private const string Html = "block-v1:Org+Course+Run+type@html+block@h1";
    private const string Seq = "block-v1:Org+Course+Run+type@sequential+block@s1";
    private const string Library = "lib:Org:lib1";
    private const string LibProblem = "lb:Org:lib1:problem:lp1";
    private const string OtherCourseProblem = "block-v1:Org+Other+Run+type@problem+block@p1";

    private static readonly Dictionary<string, UserStateStep[]> Cases = new()
    {
        ["get of a block never written is DoesNotExist"] = [new Get(P1, null), new GetMany([P1], [])],
        ["set then get returns the fields"] = [new Set(P1, """{"a": 1, "b": "x"}"""), new Get(P1, """{"a": 1, "b": "x"}""")],
        ["set overlays its fields onto the stored ones"] =
        [
            new Set(Seq, """{"position": 1, "seen": true}"""), new Set(Seq, """{"position": 3}"""),
            new Get(Seq, """{"position": 3, "seen": true}"""),
        ],
        ["set of {} on a new block creates a row that reads as absent"] =
            [new Set(P1, "{}"), new Get(P1, null), new GetMany([P1], []), new History(P1, [null])],
        ["set of {} on a block with fields leaves them"] = [new Set(P1, """{"a": 1}"""), new Set(P1, "{}"), new Get(P1, """{"a": 1}""")],
        ["delete without fields empties the state, which reads as absent"] =
            [new Set(Html, """{"a": 1}"""), new Delete(Html), new Get(Html, null), new GetMany([Html], [])],
        ["delete of some fields removes only those"] =
            [new Set(Seq, """{"a": 1, "b": 2, "c": 3}"""), new Delete(Seq, "a", "c", "missing"), new Get(Seq, """{"b": 2}""")],
        ["delete of the last field leaves a state that reads as absent"] = [new Set(Seq, """{"a": 1}"""), new Delete(Seq, "a"), new Get(Seq, null)],
        ["delete of a block without a row is ignored and creates nothing"] = [new Delete(P1), new Delete(P1, "a"), new Get(P1, null), new History(P1, null)],
        ["set after delete starts from no fields"] = [new Set(Seq, """{"a": 1}"""), new Delete(Seq), new Set(Seq, """{"b": 2}"""), new Get(Seq, """{"b": 2}""")],
        ["get with fields keeps the requested ones that exist and drops unknown names"] =
            [new Set(Seq, """{"a": 1, "b": 2}"""), new Get(Seq, """{"a": 1}""", "a", "zzz")],
        ["get with fields of which none exist still finds the block"] = [new Set(Seq, """{"a": 1}"""), new Get(Seq, "{}", "zzz")],
        ["get_many omits absent blocks and answers in the order named, each once"] =
        [
            new Set(P1, """{"n": 1}"""), new Set(Html, """{"n": 2}"""), new Set(P2, "{}"),
            new GetMany([Html, P2, Seq, P1, Html], [(Html, """{"n": 2}"""), (P1, """{"n": 1}""")]),
        ],
        ["get_many with fields filters every block"] =
        [
            new SetMany((P1, """{"a": 1, "b": 2}"""), (Html, """{"b": 3}""")),
            new GetMany([P1, Html], [(P1, """{"b": 2}"""), (Html, """{"b": 3}""")], ["b"]),
        ],
        ["set_many writes every block, across learning contexts"] =
        [
            new SetMany((P1, """{"a": 1}"""), (LibProblem, """{"b": 2}"""), (OtherCourseProblem, """{"c": 3}""")),
            new GetMany([P1, LibProblem, OtherCourseProblem], [(P1, """{"a": 1}"""), (LibProblem, """{"b": 2}"""), (OtherCourseProblem, """{"c": 3}""")]),
        ],
        ["history of a problem is every write, newest first, a deleted state as null"] =
        [
            new Set(P1, """{"attempts": 1}"""), new Set(P1, """{"attempts": 2}"""), new Delete(P1),
            new History(P1, null, """{"attempts": 2}""", """{"attempts": 1}"""),
        ],
        ["history after deleting some fields shows what remained"] =
            [new Set(P1, """{"a": 1, "b": 2}"""), new Delete(P1, "a"), new History(P1, """{"b": 2}""", """{"a": 1, "b": 2}""")],
        ["history of a block other than problem is DoesNotExist even with a row"] = [new Set(Html, """{"a": 1}"""), new History(Html, null)],
        ["history of a block without a row is DoesNotExist"] = [new History(P1, null)],
        ["a problem's score field sets grade and max_grade"] =
        [
            new Set(P1, """{"score": {"raw_earned": 1, "raw_possible": 2}, "attempts": 1}"""), new Set(P2, """{"attempts": 1}"""),
            new Scores(Course, (P1, 1, 2)),
        ],
        ["a later score replaces the grade; a null score clears it"] =
        [
            new Set(P1, """{"score": {"raw_earned": 0, "raw_possible": 2}}"""), new Set(P2, """{"score": {"raw_earned": 1, "raw_possible": 1}}"""),
            new Set(P1, """{"score": {"raw_earned": 2, "raw_possible": 2}}"""), new Set(P2, """{"score": null}"""),
            new Scores(Course, (P1, 2, 2)),
        ],
        ["deleting a problem's state keeps its grade (as Open edX)"] =
            [new Set(P1, """{"score": {"raw_earned": 1, "raw_possible": 3}}"""), new Delete(P1), new Scores(Course, (P1, 1, 3))],
        ["a score field of a block other than problem is just state"] = [new Set(Html, """{"score": "A+"}"""), new Scores(Course), new Get(Html, """{"score": "A+"}""")],
        ["a v2 library block's state lives under its lib: context"] =
        [
            new Set(LibProblem, """{"score": {"raw_earned": 1, "raw_possible": 1}}"""), new Get(LibProblem, """{"score": {"raw_earned": 1, "raw_possible": 1}}"""),
            new Scores(Library, (LibProblem, 1, 1)), new Scores(Course),
        ],
        ["field values round-trip exactly, including unicode and nesting"] =
            [new Set(Seq, """{"name": "Héros ✓", "nested": {"list": [1, 2.5, null]}, "big": 12345678901234567890}"""),
             new Get(Seq, """{"name": "Héros ✓", "nested": {"list": [1, 2.5, null]}, "big": 12345678901234567890}""")],
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task UserStateClient_BehavesAsOpenEdx(string name)
    {
        var username = $"learner-{Guid.NewGuid():N}";
        var grain = silo.Grains.GetGrain<IStudentModuleGrain>(username);

        foreach (var step in Cases[name])
            await step.RunAsync(grain, username);
    }

    /// <summary>One silo with the memory store for every case.</summary>
    public sealed class Silo : IAsyncLifetime
    {
        private TestSilo? _silo;

        public IGrainFactory Grains => _silo!.Grains;

        public async Task InitializeAsync() => _silo = await TestSilo.StartAsync();

        public async Task DisposeAsync()
        {
            if (_silo is not null)
                await _silo.DisposeAsync();
        }
    }
}
