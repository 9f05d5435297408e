using Actors.Api.Courses;
using Microsoft.AspNetCore.Http;

namespace Actors.Api.Tests.Courses;

/// <summary>How the navigation endpoint reads <c>If-None-Match</c>: weak comparison, lists and <c>*</c>, as the
/// header's grammar says, with the echoed ETag recognized without parsing.</summary>
public sealed class NavigationIfNoneMatchTests
{
    private const string ETag = "\"1-0-learner-1\"";

    [Theory]
    [InlineData(ETag, true)]
    [InlineData("W/" + ETag, true)]
    [InlineData("\"other\", " + ETag, true)]
    [InlineData("\"other\",W/" + ETag, true)]
    [InlineData("*", true)]
    [InlineData("\"other\"", false)]
    [InlineData("\"1-0-learner-2\"", false)]
    [InlineData("1-0-learner-1", false)]
    [InlineData("garbage", false)]
    [InlineData("", false)]
    public void IsNotModified_IfNoneMatch_ComparesWeaklyWithTheCurrentETag(string ifNoneMatch, bool notModified)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.IfNoneMatch = ifNoneMatch;

        Assert.Equal(notModified, NavigationApi.IsNotModified(http.Request, ETag));
    }

    [Fact]
    public void IsNotModified_TwoHeaderLines_ReadsBoth()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.IfNoneMatch = new Microsoft.Extensions.Primitives.StringValues(["\"other\"", ETag]);

        Assert.True(NavigationApi.IsNotModified(http.Request, ETag));
    }

    [Fact]
    public void IsNotModified_NoHeader_IsFalse() => Assert.False(NavigationApi.IsNotModified(new DefaultHttpContext().Request, ETag));
}
