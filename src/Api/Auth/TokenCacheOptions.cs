namespace Actors.Api.Auth;

/// <summary>The cache of validated bearer tokens (<see cref="CachingTokenHandler"/>). Section <c>Api:TokenCache</c>.</summary>
public sealed class TokenCacheOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api:TokenCache";

    /// <summary>How many validated tokens are kept. Default 10,000 (a few MB: a token and its claims are about 2 KB);
    /// 0 turns the cache off, so every request validates its token in full. Environment variable
    /// <c>Api__TokenCache__MaxEntries</c>.</summary>
    public int MaxEntries { get; set; } = 10_000;
}
