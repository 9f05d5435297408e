namespace Actors.Grains.Keys;

/// <summary>
/// The namespace of a serialised key is everything before its first <c>:</c>, compared case-sensitively. This class
/// splits it off and explains a namespace that the parser asked does not accept.
/// </summary>
internal static class KeyNamespace
{
    public const string Course = "course-v1";
    public const string Ccx = "ccx-v1";
    public const string Library = "library-v1";
    public const string LibraryV2 = "lib";
    public const string Block = "block-v1";
    public const string CcxBlock = "ccx-block-v1";
    public const string LibraryBlock = "lib-block-v1";
    public const string LibraryV2Block = "lb";
    public const string I4x = "i4x";

    private static readonly string[] Known = [Course, Ccx, Library, LibraryV2, Block, CcxBlock, LibraryBlock, LibraryV2Block, I4x];

    /// <summary>Splits <paramref name="text"/> at its first <c>:</c>; false when there is none.</summary>
    public static bool TrySplit(string text, out string ns, out string body)
    {
        var colon = text.IndexOf(':');
        ns = colon < 0 ? "" : text[..colon];
        body = colon < 0 ? "" : text[(colon + 1)..];
        return colon >= 0;
    }

    /// <summary>Why a key in namespace <paramref name="ns"/> is not a <paramref name="expected"/> key.</summary>
    public static string Mismatch(string ns, KeyKind expected)
    {
        var actual = ns switch
        {
            Course or Ccx => KeyKind.Course,
            Library => KeyKind.Library,
            LibraryV2 => KeyKind.LibraryV2,
            Block or CcxBlock or I4x => KeyKind.Usage,
            LibraryBlock => KeyKind.LibraryUsage,
            LibraryV2Block => KeyKind.LibraryV2Block,
            _ => (KeyKind?)null,
        };
        if (actual is { } kind)
            return $"'{ns}:' makes it a {kind.Describe()}, not a {expected.Describe()}";
        return ns switch
        {
            "slashes" => "the short-lived 'slashes:{org}+{course}+{run}' form is not supported (Open edX reads it as course-v1:, "
                + "so it would not print back as given); use course-v1:{org}+{course}+{run}",
            "location" => "the short-lived 'location:{org}+{course}+{run}+{type}+{id}' form is not supported; "
                + "use block-v1:{org}+{course}+{run}+type@{type}+block@{id}",
            "asset-v1" or "def-v1" or "aside-usage-v1" or "aside-usage-v2" or "aside-def-v1" or "aside-def-v2" or "bundle-olx"
                or "block-type-v1" or "lib-collection" or "lct" => $"'{ns}:' keys are Open edX keys of a kind this service does not handle",
            _ when Known.FirstOrDefault(known => string.Equals(known, ns, StringComparison.OrdinalIgnoreCase)) is { } known =>
                $"unknown namespace {KeyChars.Quote(ns + ":")} (namespaces are case-sensitive: did you mean '{known}:'?)",
            _ => $"unknown namespace {KeyChars.Quote(ns + ":")}",
        };
    }
}
