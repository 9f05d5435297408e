namespace Actors.Grains.Students;

/// <summary>The longest values <see cref="IStudentModuleGrain"/> accepts (Open edX's column sizes), so callers can
/// reject longer input before calling.</summary>
public static class StudentModuleLimits
{
    /// <summary>Course and usage keys (Open edX's key fields are 255 characters).</summary>
    public const int MaxKeyLength = 255;

    /// <summary>Block types (Open edX's <c>BlockCompletion.block_type</c> is 64 characters).</summary>
    public const int MaxBlockTypeLength = 64;
}
