namespace Actors.Grains.Keys;

/// <summary>
/// The shape of the text after the namespace of a <c>+</c>-separated locator, such as
/// <c>org+course+run+branch@b+version@v+type@t+block@id</c>: untagged <see cref="Parts"/> first, then
/// <c>tag@value</c> parts, each at most once and in the order of <see cref="Tags"/> (the only order opaque-keys' regex
/// accepts); <see cref="RequiredTags"/> must be present.
/// </summary>
internal sealed record LocatorShape(string Namespace, string[] Parts, string[] Tags, string[] RequiredTags)
{
    public static readonly LocatorShape Course = new("course-v1", ["org", "course", "run"], ["branch", "version"], []);
    public static readonly LocatorShape Ccx = new("ccx-v1", ["org", "course", "run"], ["branch", "version", "ccx"], ["ccx"]);
    public static readonly LocatorShape Block =
        new("block-v1", ["org", "course", "run"], ["branch", "version", "type", "block"], ["type", "block"]);
    public static readonly LocatorShape CcxBlock =
        new("ccx-block-v1", ["org", "course", "run"], ["branch", "version", "ccx", "type", "block"], ["ccx", "type", "block"]);
    public static readonly LocatorShape Library = new("library-v1", ["org", "library"], ["branch", "version"], []);
    public static readonly LocatorShape LibraryBlock =
        new("lib-block-v1", ["org", "library"], ["branch", "version", "type", "block"], ["type", "block"]);

    /// <summary>The shape as shown in error messages, e.g. <c>course-v1:{org}+{course}+{run}[+branch@{branch}][+version@{version}]</c>.</summary>
    public string Format => $"{Namespace}:{string.Join('+', Parts.Select(part => $"{{{part}}}"))}"
        + string.Concat(Tags.Select(tag => RequiredTags.Contains(tag) ? $"+{tag}@{Placeholder(tag)}" : $"[+{tag}@{Placeholder(tag)}]"));

    private static string Placeholder(string tag) => tag == "block" ? "{id}" : $"{{{tag}}}";
}
