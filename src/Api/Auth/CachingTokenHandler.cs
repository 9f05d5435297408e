using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Auth;

/// <summary>
/// Validates bearer tokens with another handler and remembers the ones it accepted, keyed by the whole token string, so
/// a client that sends the same token again is not parsed and its signature not recomputed on every request.
/// <list type="bullet">
/// <item>Only accepted tokens are kept: a token that fails (bad signature, wrong issuer or audience, expired) is
/// validated in full every time, and a token differing in any character, its signature included, is another key.</item>
/// <item>A kept token is used only while the validator itself would still accept it: until its <c>exp</c> plus the
/// parameters' <see cref="TokenValidationParameters.ClockSkew"/>, by <see cref="TimeProvider"/>. After that it is
/// dropped and validated again, which then rejects it.</item>
/// <item>At most <see cref="TokenCacheOptions.MaxEntries"/> tokens are kept: when full, expired ones are dropped and,
/// if that is not enough, an eighth of the rest.</item>
/// <item>Each request gets its own copy of the identity, so nothing a request does to it reaches another.</item>
/// <item>Parameters whose outcome can change for the same token while it is unexpired (replay detection, a custom
/// lifetime validator) bypass the cache.</item>
/// </list>
/// One instance serves one authentication scheme, whose validation parameters do not change while it lives.
/// </summary>
public sealed class CachingTokenHandler : TokenHandler
{
    private readonly TokenHandler _validator;
    private readonly TimeProvider _time;
    private readonly int _maxEntries;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>A cache of <paramref name="maxEntries"/> tokens in front of <paramref name="validator"/>.</summary>
    public CachingTokenHandler(TokenHandler validator, TimeProvider time, int maxEntries)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEntries);
        _validator = validator;
        _time = time;
        _maxEntries = maxEntries;
        MaximumTokenSizeInBytes = validator.MaximumTokenSizeInBytes;
    }

    /// <summary>How many validated tokens are kept now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var cacheable = _maxEntries > 0 && token is not null && validationParameters is not null && IsCacheable(validationParameters);
        if (cacheable && Usable(token!) is { } kept)
            return kept.Copy();

        var result = await _validator.ValidateTokenAsync(token, validationParameters);
        if (cacheable && result.IsValid && Entry.TryCreate(result, validationParameters!) is { } entry && _time.GetUtcNow() < entry.UsableUntil)
            Add(token!, entry);
        return result;
    }

    /// <summary>
    /// A copy of the identity of <paramref name="token"/> if it is kept and still usable under
    /// <paramref name="validationParameters"/>, without validating anything: what <see cref="ValidateTokenAsync(string, TokenValidationParameters)"/>
    /// would return for it, read synchronously. False for any token that call would have to validate.
    /// </summary>
    public bool TryGetAccepted(string token, TokenValidationParameters validationParameters, [NotNullWhen(true)] out ClaimsIdentity? identity)
    {
        identity = _maxEntries > 0 && IsCacheable(validationParameters) && Usable(token) is { } kept ? kept.CopyIdentity() : null;
        return identity is not null;
    }

    /// <summary>The kept entry of <paramref name="token"/> while the validator would still accept it; a kept entry past
    /// that point is dropped.</summary>
    private Entry? Usable(string token)
    {
        if (!_entries.TryGetValue(token, out var kept))
            return null;
        if (_time.GetUtcNow() < kept.UsableUntil)
            return kept;
        Remove(token, kept);
        return null;
    }

    /// <inheritdoc />
    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        _validator.ValidateTokenAsync(token, validationParameters);

    /// <inheritdoc />
    public override SecurityToken ReadToken(string token) => _validator.ReadToken(token);

    private static bool IsCacheable(TokenValidationParameters parameters) =>
        parameters.LifetimeValidator is null && !(parameters.ValidateTokenReplay && parameters.TokenReplayCache is not null);

    private void Add(string token, Entry entry)
    {
        if (Volatile.Read(ref _count) >= _maxEntries)
            MakeRoom();
        if (_entries.TryAdd(token, entry))
            Interlocked.Increment(ref _count);
    }

    private void Remove(string token, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, Entry>(token, entry)))
            Interlocked.Decrement(ref _count);
    }

    private void MakeRoom()
    {
        var now = _time.GetUtcNow();
        foreach (var (token, entry) in _entries)
        {
            if (entry.UsableUntil <= now)
                Remove(token, entry);
        }

        var excess = Volatile.Read(ref _count) - (_maxEntries - Math.Max(1, _maxEntries / 8));
        foreach (var (token, entry) in _entries)
        {
            if (excess-- <= 0)
                break;
            Remove(token, entry);
        }
    }

    /// <summary>An accepted token: what validation returned and until when the validator would still accept it.</summary>
    private sealed class Entry(TokenValidationResult result, ClaimsIdentity identity, DateTimeOffset usableUntil)
    {
        public DateTimeOffset UsableUntil { get; } = usableUntil;

        /// <summary>Null unless the result can be handed out again faithfully: an identity whose
        /// <see cref="ClaimsIdentity.Clone"/> copies it as its own type (a plain <see cref="ClaimsIdentity"/>, or the
        /// <c>CaseSensitiveClaimsIdentity</c> the JWT handlers return) and a token with an expiry.</summary>
        public static Entry? TryCreate(TokenValidationResult result, TokenValidationParameters parameters)
        {
            if (result.ClaimsIdentity is not { } identity || result.SecurityToken is not { } token || token.ValidTo == DateTime.MinValue)
                return null;
            var copy = identity.Clone();
            if (copy.GetType() != identity.GetType())
                return null;
            var expires = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc));
            return new Entry(result, copy, parameters.ValidateLifetime ? expires + parameters.ClockSkew : expires);
        }

        public ClaimsIdentity CopyIdentity() => identity.Clone();

        public TokenValidationResult Copy() => new()
        {
            IsValid = true,
            SecurityToken = result.SecurityToken,
            ClaimsIdentity = CopyIdentity(),
            Issuer = result.Issuer,
            TokenType = result.TokenType,
            TokenContext = result.TokenContext,
        };
    }
}
