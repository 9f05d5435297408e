using System.Security.Claims;
using Actors.Api.Auth;
using Actors.Api.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Actors.Api.Tests.Auth;

/// <summary>The validated-token cache: it saves work on a repeated token and never changes what is accepted.</summary>
public sealed class CachingTokenHandlerTests
{
    private static readonly TokenValidationParameters Parameters = TokenIssuer.ValidationParameters(ApiApplication.JwtOptions);

    [Fact]
    public async Task ValidateTokenAsync_SameTokenTwice_ValidatesItOnce()
    {
        var validator = new CountingValidator();
        var cache = new CachingTokenHandler(validator, TimeProvider.System, maxEntries: 10);
        var token = Issue("alice");

        var first = await cache.ValidateTokenAsync(token, Parameters);
        var second = await cache.ValidateTokenAsync(token, Parameters);

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal("alice", second.ClaimsIdentity.FindFirst(OpenEdxClaims.Username)?.Value);
        Assert.Same(first.SecurityToken, second.SecurityToken);
        Assert.Equal(1, validator.Validations);
    }

    [Fact]
    public async Task ValidateTokenAsync_CachedTokenPastItsExpiry_IsRejected()
    {
        // Real time on both sides (the validator reads the system clock): a 2 s token (whole seconds), no clock skew.
        var parameters = Parameters.Clone();
        parameters.ClockSkew = TimeSpan.Zero;
        var cache = new CachingTokenHandler(new JsonWebTokenHandler(), TimeProvider.System, maxEntries: 10);
        var token = Issue("alice", lifetime: TimeSpan.FromSeconds(2));
        Assert.True((await cache.ValidateTokenAsync(token, parameters)).IsValid);
        Assert.Equal(1, cache.Count);

        var expires = new JsonWebToken(token).ValidTo;
        await Task.Delay(expires - DateTime.UtcNow + TimeSpan.FromMilliseconds(200));
        var afterExpiry = await cache.ValidateTokenAsync(token, parameters);

        Assert.False(afterExpiry.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(afterExpiry.Exception);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task ValidateTokenAsync_CachedToken_IsValidatedAgainOnceTheClockPassesExpiryPlusSkew()
    {
        var validator = new CountingValidator();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new CachingTokenHandler(validator, time, maxEntries: 10);
        var token = Issue("alice", lifetime: TimeSpan.FromMinutes(10));
        var expires = new DateTimeOffset(new JsonWebToken(token).ValidTo, TimeSpan.Zero);
        await cache.ValidateTokenAsync(token, Parameters);

        time.SetUtcNow(expires + Parameters.ClockSkew - TimeSpan.FromSeconds(1));
        await cache.ValidateTokenAsync(token, Parameters);
        Assert.Equal(1, validator.Validations);

        time.SetUtcNow(expires + Parameters.ClockSkew);
        await cache.ValidateTokenAsync(token, Parameters);
        Assert.Equal(2, validator.Validations);
    }

    [Fact]
    public async Task TryGetAccepted_OnlyAKeptToken_GivesAFreshCopyOfItsIdentityEachTime()
    {
        var cache = new CachingTokenHandler(new JsonWebTokenHandler(), TimeProvider.System, maxEntries: 10);
        var token = Issue("alice");
        Assert.False(cache.TryGetAccepted(token, Parameters, out _));
        await cache.ValidateTokenAsync(token, Parameters);

        Assert.True(cache.TryGetAccepted(token, Parameters, out var first));
        Assert.True(cache.TryGetAccepted(token, Parameters, out var second));
        Assert.Equal("alice", first.FindFirst(OpenEdxClaims.Username)?.Value);
        Assert.NotSame(first, second);
        Assert.False(cache.TryGetAccepted(Issue("bob"), Parameters, out _));
    }

    [Fact]
    public async Task TryGetAccepted_KeptTokenOnceTheClockPassesExpiryPlusSkew_IsFalse()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new CachingTokenHandler(new CountingValidator(), time, maxEntries: 10);
        var token = Issue("alice", lifetime: TimeSpan.FromMinutes(10));
        var expires = new DateTimeOffset(new JsonWebToken(token).ValidTo, TimeSpan.Zero);
        await cache.ValidateTokenAsync(token, Parameters);

        time.SetUtcNow(expires + Parameters.ClockSkew - TimeSpan.FromSeconds(1));
        Assert.True(cache.TryGetAccepted(token, Parameters, out _));
        time.SetUtcNow(expires + Parameters.ClockSkew);
        Assert.False(cache.TryGetAccepted(token, Parameters, out _));
    }

    [Fact]
    public async Task ValidateTokenAsync_CachedTokenWithAlteredSignature_IsRejected()
    {
        var cache = new CachingTokenHandler(new JsonWebTokenHandler(), TimeProvider.System, maxEntries: 10);
        var token = Issue("alice");
        Assert.True((await cache.ValidateTokenAsync(token, Parameters)).IsValid);
        // A character inside the signature (the last one may carry only padding bits).
        var at = token.LastIndexOf('.') + 5;
        var altered = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];

        var result = await cache.ValidateTokenAsync(altered, Parameters);

        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(result.Exception);
    }

    [Fact]
    public async Task ValidateTokenAsync_TokenSignedWithAnotherSecret_IsNeverAcceptedNorKept()
    {
        var validator = new CountingValidator();
        var cache = new CachingTokenHandler(validator, TimeProvider.System, maxEntries: 10);
        var forged = new TokenIssuer(new JwtOptions
        {
            Secret = "another-secret-that-is-also-long-enough-for-hs256",
            Issuer = ApiApplication.Issuer,
            Audience = ApiApplication.Audience,
        }, TimeProvider.System).Issue("mallory", administrator: true);

        var first = await cache.ValidateTokenAsync(forged, Parameters);
        var second = await cache.ValidateTokenAsync(forged, Parameters);

        Assert.False(first.IsValid);
        Assert.False(second.IsValid);
        Assert.Equal(2, validator.Validations);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task ValidateTokenAsync_ManyTokens_KeepsAtMostMaxEntries()
    {
        var cache = new CachingTokenHandler(new JsonWebTokenHandler(), TimeProvider.System, maxEntries: 8);

        for (var i = 0; i < 50; i++)
        {
            Assert.True((await cache.ValidateTokenAsync(Issue($"user{i}"), Parameters)).IsValid);
            Assert.InRange(cache.Count, 1, 8);
        }
    }

    [Fact]
    public async Task ValidateTokenAsync_MaxEntriesZero_KeepsNothing()
    {
        var validator = new CountingValidator();
        var cache = new CachingTokenHandler(validator, TimeProvider.System, maxEntries: 0);
        var token = Issue("alice");

        await cache.ValidateTokenAsync(token, Parameters);
        await cache.ValidateTokenAsync(token, Parameters);

        Assert.Equal(2, validator.Validations);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task ValidateTokenAsync_CachedToken_GivesEachCallerItsOwnIdentity()
    {
        var cache = new CachingTokenHandler(new JsonWebTokenHandler(), TimeProvider.System, maxEntries: 10);
        var token = Issue("alice");
        var first = await cache.ValidateTokenAsync(token, Parameters);

        first.ClaimsIdentity.AddClaim(new Claim(OpenEdxClaims.Administrator, "true"));
        var second = await cache.ValidateTokenAsync(token, Parameters);
        second.ClaimsIdentity.AddClaim(new Claim("added", "x"));
        var third = await cache.ValidateTokenAsync(token, Parameters);

        Assert.NotSame(second.ClaimsIdentity, third.ClaimsIdentity);
        Assert.False(OpenEdxClaims.IsAdministrator(new ClaimsPrincipal(third.ClaimsIdentity)));
        Assert.Null(third.ClaimsIdentity.FindFirst("added"));
        Assert.Equal(OpenEdxClaims.Username, third.ClaimsIdentity.NameClaimType);
        Assert.Equal("alice", third.ClaimsIdentity.Name);
    }

    [Fact]
    public async Task ValidateTokenAsync_ReplayDetection_BypassesTheCache()
    {
        var validator = new CountingValidator();
        var cache = new CachingTokenHandler(validator, TimeProvider.System, maxEntries: 10);
        var parameters = Parameters.Clone();
        parameters.ValidateTokenReplay = true;
        parameters.TokenReplayCache = new NoReplayCache();
        var token = Issue("alice");

        await cache.ValidateTokenAsync(token, parameters);
        await cache.ValidateTokenAsync(token, parameters);

        Assert.Equal(2, validator.Validations);
    }

    private static string Issue(string username, TimeSpan? lifetime = null) =>
        new TokenIssuer(ApiApplication.JwtOptions, TimeProvider.System).Issue(username, administrator: false, lifetime: lifetime);

    /// <summary>The real validator, counting how often it runs.</summary>
    private sealed class CountingValidator : TokenHandler
    {
        private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
        private int _validations;

        public int Validations => _validations;

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _validations);
            return _handler.ValidateTokenAsync(token, validationParameters);
        }
    }

    /// <summary>A replay cache that has seen nothing.</summary>
    private sealed class NoReplayCache : ITokenReplayCache
    {
        public bool TryAdd(string securityToken, DateTime expiresOn) => true;

        public bool TryFind(string securityToken) => false;
    }
}
