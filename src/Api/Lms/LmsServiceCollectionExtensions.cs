using Microsoft.Extensions.Options;

namespace Actors.Api.Lms;

/// <summary>Registers the LMS link settings (<see cref="LmsOptions"/>, <see cref="FeaturesOptions"/>) and
/// <see cref="CourseAboutLink"/>.</summary>
internal static class LmsServiceCollectionExtensions
{
    public static IServiceCollection AddLmsLinks(this IServiceCollection services)
    {
        services.AddOptions<LmsOptions>().BindConfiguration(LmsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LmsOptions>, LmsOptionsValidator>();
        services.AddOptions<FeaturesOptions>().BindConfiguration(FeaturesOptions.Section);
        services.AddSingleton<CourseAboutLink>();
        return services;
    }
}

/// <summary>Fails start-up unless <see cref="LmsOptions.RootUrl"/> is an absolute <c>http</c>/<c>https</c> URL without a
/// query or fragment (links are built by appending paths to it).</summary>
internal sealed class LmsOptionsValidator : IValidateOptions<LmsOptions>
{
    public ValidateOptionsResult Validate(string? name, LmsOptions options) =>
        Problem(options.RootUrl) is { } problem
            ? ValidateOptionsResult.Fail($"Lms:RootUrl {problem} (got '{options.RootUrl}').")
            : ValidateOptionsResult.Success;

    private static string? Problem(string? value) =>
        !Uri.TryCreate(value, UriKind.Absolute, out var uri) ? "must be an absolute URL such as https://lms.example.org"
        : uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps ? "must be an http or https URL"
        : uri.Query.Length > 0 || uri.Fragment.Length > 0 ? "must have no query or fragment"
        : null;
}
