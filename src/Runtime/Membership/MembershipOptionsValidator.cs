using Microsoft.Extensions.Options;

namespace Actors.Runtime.Membership;

/// <summary>Checks <see cref="MembershipOptions"/> at start; each message names the setting and its value.</summary>
public sealed class MembershipOptionsValidator : IValidateOptions<MembershipOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MembershipOptions options)
    {
        var failures = new List<string>();
        Positive(nameof(MembershipOptions.IAmAlivePeriod), options.IAmAlivePeriod);
        Positive(nameof(MembershipOptions.ProbePeriod), options.ProbePeriod);
        Positive(nameof(MembershipOptions.ProbeTimeout), options.ProbeTimeout);
        Positive(nameof(MembershipOptions.HeartbeatStaleAfter), options.HeartbeatStaleAfter);
        Positive(nameof(MembershipOptions.TableRefreshPeriod), options.TableRefreshPeriod);
        Positive(nameof(MembershipOptions.DefunctSiloRetention), options.DefunctSiloRetention);
        Positive(nameof(MembershipOptions.DefunctSiloCleanupPeriod), options.DefunctSiloCleanupPeriod);
        if (options.MissedProbesLimit < 1)
            failures.Add($"{MembershipOptions.SectionName}:{nameof(MembershipOptions.MissedProbesLimit)} must be at least 1 (was {options.MissedProbesLimit}).");
        if (options.HeartbeatStaleAfter <= options.IAmAlivePeriod)
        {
            failures.Add($"{MembershipOptions.SectionName}:{nameof(MembershipOptions.HeartbeatStaleAfter)} ({options.HeartbeatStaleAfter}) must be longer " +
                         $"than {nameof(MembershipOptions.IAmAlivePeriod)} ({options.IAmAlivePeriod}), or every healthy silo looks stale between heartbeats.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(string setting, TimeSpan value)
        {
            if (value <= TimeSpan.Zero)
                failures.Add($"{MembershipOptions.SectionName}:{setting} must be positive (was {value}).");
        }
    }
}
