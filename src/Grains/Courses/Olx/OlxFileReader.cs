using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Actors.Grains.Courses.Olx;

/// <summary>Reads files of an export for the course reader, turning unreadable or malformed files into problems on their path.</summary>
internal sealed class OlxFileReader(IOlxFileSource source, OlxProblemList problems)
{
    public OlxProblemList Problems => problems;

    /// <summary>The file's bytes; null when it is absent (<paramref name="missing"/>) or unreadable (reported).</summary>
    public byte[]? ReadBytes(string path, out bool missing)
    {
        missing = false;
        try
        {
            var bytes = source.Read(path);
            missing = bytes is null;
            return bytes;
        }
        catch (OlxFileException e)
        {
            problems.Add(path, e.Message);
            return null;
        }
    }

    /// <inheritdoc cref="ReadBytes(string, out bool)"/>
    public byte[]? ReadBytes(string path) => ReadBytes(path, out _);

    /// <summary>The root element of an XML file; null when it is absent (<paramref name="missing"/>), unreadable or malformed (reported).</summary>
    public XElement? ReadXml(string path, out bool missing)
    {
        var bytes = ReadBytes(path, out missing);
        if (bytes is null)
            return null;
        try
        {
            return OlxXml.Parse(bytes);
        }
        catch (XmlException e)
        {
            problems.Add(path, $"Malformed XML: {e.Message}");
            return null;
        }
    }

    /// <summary>A UTF-8 text file, trimmed; null when absent, unreadable or blank.</summary>
    public string? ReadText(string path)
    {
        var bytes = ReadBytes(path);
        if (bytes is null)
            return null;
        var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF').Trim();
        return text.Length == 0 ? null : text;
    }
}
