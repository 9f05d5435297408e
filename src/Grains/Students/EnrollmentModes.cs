using System.Text.RegularExpressions;

namespace Actors.Grains.Students;

/// <summary>
/// Enrollment modes (Open edX's <c>CourseMode.mode_slug</c>). Open edX lets each course define its own modes, so any
/// lower-case slug is accepted, not only the well-known ones: a letter, then letters, digits, <c>-</c> or <c>_</c>, at
/// most <see cref="MaxLength"/> characters (the column's length in Open edX). <c>Audit</c> etc. are the common ones.
/// </summary>
public static partial class EnrollmentModes
{
    /// <summary>The mode of an enrollment that names none.</summary>
    public const string Audit = "audit";

    /// <summary>A paid, identity-verified track.</summary>
    public const string Verified = "verified";

    /// <summary>The legacy free track with an honor-code certificate.</summary>
    public const string Honor = "honor";

    /// <summary>A professional-education track.</summary>
    public const string Professional = "professional";

    /// <summary>The longest mode accepted.</summary>
    public const int MaxLength = 100;

    /// <summary>Whether <paramref name="mode"/> is a mode slug as described on <see cref="EnrollmentModes"/>.</summary>
    public static bool IsValid(string? mode) => mode is { Length: > 0 and <= MaxLength } && Slug().IsMatch(mode);

    [GeneratedRegex(@"^[a-z][a-z0-9_-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
