using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Api.Auth;

/// <summary>Registers the administrators' browser session (a cookie issued at <c>/admin/sign-in</c>), the antiforgery
/// that guards its forms, and <see cref="ApiPolicies.AdministratorSession"/>. Call after <c>AddOpenEdxJwtAuth</c>.</summary>
internal static class AdminSessionServiceCollectionExtensions
{
    public static IServiceCollection AddAdminSession(this IServiceCollection services)
    {
        services.AddOptions<AdminSessionOptions>().BindConfiguration(AdminSessionOptions.Section)
            .Validate(o => o.Lifetime > TimeSpan.Zero, "Api:AdminSession:Lifetime must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AdminSessionCookieEvents>();
        services.AddSingleton<AdministratorTokenValidator>();

        // The cookie scheme, and the scheme the policy uses: bearer when the request carries a token, else the cookie.
        // The default scheme stays bearer, so the cookie counts nowhere but where the policy is required.
        services.AddAuthentication()
            .AddCookie(AdminSessionDefaults.CookieScheme)
            .AddPolicyScheme(AdminSessionDefaults.CookieOrBearerScheme, "Administrator session or bearer token", scheme =>
                scheme.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count > 0
                    ? JwtBearerDefaults.AuthenticationScheme
                    : AdminSessionDefaults.CookieScheme);
        services.AddOptions<CookieAuthenticationOptions>(AdminSessionDefaults.CookieScheme)
            .Configure<IOptions<AdminSessionOptions>, TimeProvider>((cookie, session, time) =>
            {
                cookie.Cookie.Name = AdminSessionDefaults.CookieName;
                cookie.Cookie.Path = AdminSessionDefaults.CookiePath;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = session.Value.SecurePolicy;
                cookie.ExpireTimeSpan = session.Value.Lifetime;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = AdminSessionDefaults.SignInPath;
                cookie.ReturnUrlParameter = AdminSessionDefaults.ReturnUrlParameter;
                cookie.TimeProvider = time;
                cookie.EventsType = typeof(AdminSessionCookieEvents);
            });

        // Antiforgery for the admin pages' forms (sign-in, sign-out); its cookie goes to /admin only.
        services.AddAntiforgery();
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<AdminSessionOptions>>((antiforgery, session) =>
        {
            antiforgery.Cookie.Name = AdminSessionDefaults.AntiforgeryCookieName;
            antiforgery.Cookie.Path = AdminSessionDefaults.CookiePath;
            antiforgery.Cookie.SecurePolicy = session.Value.SecurePolicy;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.AdministratorSession, policy => policy
                .AddAuthenticationSchemes(AdminSessionDefaults.CookieOrBearerScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => OpenEdxClaims.IsAdministrator(context.User)));
        return services;
    }
}
