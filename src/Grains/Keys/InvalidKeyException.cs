namespace Actors.Grains.Keys;

/// <summary>
/// A string is not a valid opaque key of the kind asked for. The <see cref="Exception.Message"/> quotes the key (control
/// characters escaped, so a trailing newline is visible) and says what is wrong, e.g.
/// <c>'course-v1:edX+DemoX' is not a valid course key: the run is missing; expected course-v1:{org}+{course}+{run}…</c>;
/// it is meant to be shown as-is as the detail of an HTTP 400 problem.
/// </summary>
public sealed class InvalidKeyException : FormatException
{
    /// <summary>Creates the exception for <paramref name="key"/>, which is not a valid <paramref name="keyKind"/> because
    /// of <paramref name="reason"/> (a clause without a final full stop).</summary>
    public InvalidKeyException(string key, KeyKind keyKind, string reason)
        : base($"{KeyChars.Quote(key)} is not a valid {keyKind.Describe()}: {reason}.")
    {
        Key = key;
        KeyKind = keyKind;
        Reason = reason;
    }

    /// <summary>The rejected text, exactly as given.</summary>
    public string Key { get; }

    /// <summary>The kind of key the caller asked for.</summary>
    public KeyKind KeyKind { get; }

    /// <summary>What is wrong, without the key: the part of <see cref="Exception.Message"/> after the colon.</summary>
    public string Reason { get; }
}
