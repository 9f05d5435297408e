using Actors.Runtime.Membership;

namespace Actors.Runtime.Tests.Membership;

public sealed class MembershipOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.True(new MembershipOptionsValidator().Validate(null, new MembershipOptions()).Succeeded);

    [Fact]
    public void Validate_NonPositivePeriod_NamesTheSettingAndItsValue()
    {
        var result = new MembershipOptionsValidator().Validate(null, new MembershipOptions { ProbeTimeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("Actors:Membership:ProbeTimeout must be positive (was 00:00:00)", result.FailureMessage);
    }

    [Fact]
    public void Validate_MissedProbesLimitBelowOne_Fails() =>
        Assert.Contains("MissedProbesLimit must be at least 1 (was 0)",
            new MembershipOptionsValidator().Validate(null, new MembershipOptions { MissedProbesLimit = 0 }).FailureMessage);

    [Fact]
    public void Validate_HeartbeatStaleAfterNotLongerThanIAmAlivePeriod_Fails()
    {
        var options = new MembershipOptions { IAmAlivePeriod = TimeSpan.FromSeconds(3), HeartbeatStaleAfter = TimeSpan.FromSeconds(3) };

        Assert.Contains("HeartbeatStaleAfter (00:00:03) must be longer than IAmAlivePeriod (00:00:03)",
            new MembershipOptionsValidator().Validate(null, options).FailureMessage);
    }
}
