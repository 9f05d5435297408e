using System.Xml.Linq;

namespace Actors.Grains.Courses.Olx;

/// <summary>
/// The OLX pointer rule: an element with no child elements, no text and no attributes but <c>url_name</c> (and, for
/// <c>course.xml</c>, <c>org</c> and <c>course</c>) stands for the file <c>{type}/{url_name}.xml</c>. Anything else is
/// an inline block defined where it stands.
/// </summary>
internal static class OlxPointer
{
    public static bool Is(XElement element, params string[] allowedAttributes) =>
        !element.HasElements
        && string.IsNullOrWhiteSpace(element.Value)
        && element.Attributes().Where(a => !a.IsNamespaceDeclaration).All(a => allowedAttributes.Contains(a.Name.LocalName));
}
