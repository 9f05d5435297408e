using System.Globalization;
using Actors.Api.Auth;

namespace Actors.Api.Cli;

/// <summary>
/// <c>token --user NAME [--admin] [--scopes a,b,...] [--lifetime hh:mm:ss]</c>: prints a token signed with the
/// configured <c>Jwt:Secret</c> (the same configuration the API reads, so in Development the token works against
/// <c>dotnet run --project src/Api</c>) and exits. Runs before any web host is built.
/// Exit codes: 0 printed; 1 the Jwt settings are invalid; 2 bad arguments.
/// </summary>
internal static class TokenCommand
{
    public const string Name = "token";
    public const int InvalidConfiguration = 1;
    public const int InvalidArguments = 2;

    private const string Usage = """
        Usage: Actors.Api token --user NAME [--admin] [--scopes SCOPE[,SCOPE...]] [--lifetime hh:mm:ss]
          --user NAME        the token's preferred_username (required)
          --admin            sets administrator: true (reaches every route, including /admin)
          --scopes LIST      comma-separated scopes; default read,write,email,profile
          --lifetime SPAN    how long the token is valid; default Jwt:TokenLifetime (8 h)
        The token is signed with Jwt:Secret, for issuer Jwt:Issuer and audience Jwt:Audience, read from configuration.
        """;

    /// <summary>Whether the command line asks for this command rather than for the web host.</summary>
    public static bool IsInvocation(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Runs the command on the arguments that follow <c>token</c>; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, IConfiguration configuration, TimeProvider time, TextWriter output, TextWriter error)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            output.WriteLine(Usage);
            return 0;
        }

        if (!TryParse(args, out var request, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return InvalidArguments;
        }

        var options = configuration.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
        var validation = new JwtOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            foreach (var failure in validation.Failures)
                error.WriteLine(failure);
            return InvalidConfiguration;
        }

        output.WriteLine(new TokenIssuer(options, time).Issue(request.User, request.Administrator, request.Scopes, request.Lifetime));
        return 0;
    }

    private static bool TryParse(IReadOnlyList<string> args, out TokenRequest request, out string problem)
    {
        request = new TokenRequest();
        problem = "";
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if (option == "--admin")
            {
                request = request with { Administrator = true };
                continue;
            }

            if (option is not ("--user" or "--scopes" or "--lifetime"))
            {
                problem = $"Unknown argument '{option}'.";
                return false;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"{option} needs a value.";
                return false;
            }

            var value = args[++i];
            switch (option)
            {
                case "--user":
                    request = request with { User = value };
                    break;
                case "--scopes":
                    request = request with { Scopes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    break;
                case "--lifetime":
                    if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var lifetime) || lifetime <= TimeSpan.Zero)
                    {
                        problem = $"--lifetime '{value}' is not a positive time span such as 08:00:00 or 1.00:00:00.";
                        return false;
                    }

                    request = request with { Lifetime = lifetime };
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(request.User))
        {
            problem = "--user is required.";
            return false;
        }

        return true;
    }

    private sealed record TokenRequest(string User = "", bool Administrator = false, IReadOnlyList<string>? Scopes = null, TimeSpan? Lifetime = null);
}
