using Actors.Api.Hosting;

namespace Actors.Api.Tests.Hosting;

/// <summary>How <see cref="OpaqueKeyPaths"/> makes slash-form keys single path segments before routing.</summary>
public sealed class OpaqueKeyPathsTests
{
    [Theory]
    [InlineData("/api/courses/v1/Org/Course/Run", "/api/courses/v1/Org%2FCourse%2FRun")]
    [InlineData("/api/courses/v1/Org/Course/Run/publish", "/api/courses/v1/Org%2FCourse%2FRun/publish")]
    [InlineData("/api/courses/v1/Org/Course/Run/overview", "/api/courses/v1/Org%2FCourse%2FRun/overview")]
    [InlineData("/api/course_home/v1/navigation/Org/Course/Run", "/api/course_home/v1/navigation/Org%2FCourse%2FRun")]
    [InlineData("/api/enrollment/v1/enrollment/alice,Org/Course/Run", "/api/enrollment/v1/enrollment/alice,Org%2FCourse%2FRun")]
    [InlineData("/courses/Org/Course/Run/xblock/block-v1:Org+Course+Run+type@html+block@h/handler/publish_completion",
        "/courses/Org%2FCourse%2FRun/xblock/block-v1:Org+Course+Run+type@html+block@h/handler/publish_completion")]
    [InlineData("/courses/Org/Course/Run/xblock/i4x://Org/Course/html/h/handler/publish_completion",
        "/courses/Org%2FCourse%2FRun/xblock/i4x:%2F%2FOrg%2FCourse%2Fhtml%2Fh/handler/publish_completion")]
    [InlineData("/courses/Org%2FCourse%2FRun/xblock/i4x://Org/Course/html/h@draft/handler/publish_completion",
        "/courses/Org%2FCourse%2FRun/xblock/i4x:%2F%2FOrg%2FCourse%2Fhtml%2Fh@draft/handler/publish_completion")]
    public void SlashFormKeys_AreEncodedIntoOneSegment(string path, string rewritten) =>
        Assert.Equal(rewritten, OpaqueKeyPaths.EncodeKeySlashes(path));

    [Theory]
    [InlineData("/api/courses/v1/course-v1:Org+Course+Run/overview")]
    [InlineData("/api/course_home/v1/navigation/course-v1:Org+Course+Run")]
    [InlineData("/courses/course-v1:Org+Course+Run/xblock/block-v1:Org+Course+Run+type@html+block@h/handler/publish_completion")]
    [InlineData("/api/courses/v1/Org/Course/Run/overview/more")]
    [InlineData("/api/enrollment/v1/enrollment")]
    [InlineData("/admin/grains/ClusterStats")]
    [InlineData("/api/user/v1/accounts/alice")]
    public void OtherPaths_AreLeftAlone(string path) => Assert.Null(OpaqueKeyPaths.EncodeKeySlashes(path));

    [Theory]
    [InlineData("Org%2FCourse%2FRun", "Org/Course/Run")]
    [InlineData("Org%2fCourse%2fRun", "Org/Course/Run")]
    [InlineData("i4x:%2F%2FOrg%2FCourse%2Fhtml%2Fh", "i4x://Org/Course/html/h")]
    [InlineData("Org/Cour%se/Run", "Org/Cour%se/Run")]
    public void DecodeSlashes_DecodesOnlyEncodedSlashes(string value, string decoded) =>
        Assert.Equal(decoded, OpaqueKeyPaths.DecodeSlashes(value));
}
