namespace Actors.Grains.Students;

/// <summary>The argument rules of <see cref="IStudentModuleGrain"/>; each violation is an <see cref="InvalidArgumentException"/>
/// naming the parameter. Lengths are in <see cref="StudentModuleLimits"/>.</summary>
internal static class StudentModuleArguments
{
    public static void Key(string? value, string parameterName, int maxLength = StudentModuleLimits.MaxKeyLength)
    {
        if (string.IsNullOrEmpty(value))
            throw new InvalidArgumentException("Must not be empty.", parameterName);
        if (value.Length > maxLength)
            throw new InvalidArgumentException($"Must be at most {maxLength} characters.", parameterName);
    }

    public static void Mode(string? mode, string parameterName)
    {
        if (!EnrollmentModes.IsValid(mode))
        {
            throw new InvalidArgumentException(
                $"'{mode}' is not an enrollment mode: a lower-case slug ([a-z][a-z0-9_-]*) of at most {EnrollmentModes.MaxLength} characters.",
                parameterName);
        }
    }

    public static void Completion(double completion, string parameterName)
    {
        if (!(completion is >= 0.0 and <= 1.0)) // also rejects NaN
            throw new InvalidArgumentException($"Must be a number from 0 to 1; was {completion}.", parameterName);
    }
}
