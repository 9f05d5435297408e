using System.Xml;
using System.Xml.Linq;

namespace Actors.Grains.Courses.Olx;

/// <summary>Parses one OLX file safely: no DTD processing, no external resolution, whitespace kept (problem text matters).</summary>
internal static class OlxXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        CloseInput = true,
    };

    /// <summary>The document's root element; throws <see cref="XmlException"/> when the file is not well-formed.</summary>
    public static XElement Parse(byte[] bytes)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), Settings);
        var document = XDocument.Load(reader, LoadOptions.PreserveWhitespace | LoadOptions.SetLineInfo);
        return document.Root ?? throw new XmlException("The file has no root element.");
    }
}
