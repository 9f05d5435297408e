using System.Xml.Linq;
using Actors.Grains.Keys;

namespace Actors.Grains.Tests.Keys;

/// <summary>Every block of the real Open edX demo course (shared/olx/openedx-demo-course) has a valid usage key.</summary>
public sealed class DemoCourseKeysTests
{
    /// <summary>Top-level OLX folders that hold no blocks.</summary>
    private static readonly string[] NotBlockFolders = ["about", "assets", "info", "policies", "static", "tabs"];

    [Fact]
    public void DemoCourse_EveryFileNameAndUrlName_MakesAValidUsageKey()
    {
        var olx = FindDemoCourse();
        var root = XDocument.Load(Path.Combine(olx, "course.xml")).Root!;
        var course = CourseKey.Parse($"course-v1:{root.Attribute("org")!.Value}+{root.Attribute("course")!.Value}+{root.Attribute("url_name")!.Value}");
        Assert.Equal("course-v1:OpenedX+DemoX+DemoCourse", course.ToString());

        var blocks = new List<(string Type, string Id)>();
        foreach (var folder in Directory.GetDirectories(olx).Where(folder => !NotBlockFolders.Contains(Path.GetFileName(folder))))
        {
            foreach (var file in Directory.GetFiles(folder, "*.xml"))
            {
                blocks.Add((Path.GetFileName(folder), Path.GetFileNameWithoutExtension(file)));
                blocks.AddRange(XDocument.Load(file).Descendants()
                    .Where(element => element.Attribute("url_name") is not null)
                    .Select(element => (element.Name.LocalName, element.Attribute("url_name")!.Value)));
            }
        }

        foreach (var (type, id) in blocks)
        {
            var usage = course.MakeUsageKey(type, id);
            var text = usage.ToString();
            Assert.Equal($"block-v1:OpenedX+DemoX+DemoCourse+type@{type}+block@{id}", text);
            Assert.Equal(usage, UsageKey.Parse(text));
            Assert.Equal(course, UsageKey.Parse(text).CourseKey);
        }
        var perType = blocks.Distinct().GroupBy(block => block.Type).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal((1, 6, 17, 58), (perType["course"], perType["chapter"], perType["sequential"], perType["vertical"]));
        Assert.True(perType["html"] >= 266, $"expected the 266 html blocks, found {perType["html"]}");
    }

    [Fact]
    public void DemoCourse_LibraryContentSource_IsAV1LibraryKey()
    {
        var sources = Directory.GetFiles(Path.Combine(FindDemoCourse(), "library_content"), "*.xml")
            .Select(file => XDocument.Load(file).Root!.Attribute("source_library_id")?.Value)
            .OfType<string>()
            .ToList();

        var library = Assert.IsType<LibraryKey>(LearningContextKey.Parse(Assert.Single(sources)));
        Assert.Equal(("OpenedX", "DemoRespiratoryQuestions"), (library.Org, library.Library));
    }

    /// <summary>The demo course's OLX: <c>../shared/olx/openedx-demo-course</c> next to the folder holding Actors.sln.</summary>
    private static string FindDemoCourse()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Actors.sln")))
            directory = directory.Parent;
        Assert.True(directory is not null, $"no Actors.sln above {AppContext.BaseDirectory}");
        var olx = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "olx", "openedx-demo-course"));
        Assert.True(File.Exists(Path.Combine(olx, "course.xml")), $"the demo course OLX is missing: expected {olx}/course.xml");
        return olx;
    }
}
