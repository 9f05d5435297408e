using Actors.Api.Admin.Pages;

namespace Actors.Api.Tests.Admin;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/admin", true)]
    [InlineData("/admin/grains/?x=//y", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("admin", false)]
    [InlineData("//elsewhere.example", false)]
    [InlineData("/\\elsewhere.example", false)]
    [InlineData("https://elsewhere.example/", false)]
    [InlineData("/admin\r\nLocation: https://elsewhere.example", false)]
    [InlineData("/\t/elsewhere.example", false)]
    public void IsLocal_Url_AcceptsOnlyPathsOnThisHost(string? url, bool local)
    {
        Assert.Equal(local, LocalUrl.IsLocal(url));
    }
}
