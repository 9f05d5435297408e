using Actors.Grains.Keys;

namespace Actors.Grains.Catalog;

/// <summary>The course index as a run uses it: which course keys are here, and which CCX courses here hang under each
/// parent course (by the parent's key, whether or not the parent itself is here).</summary>
internal sealed class CourseLookup
{
    private readonly HashSet<string> _courses;
    private readonly Dictionary<string, List<string>> _ccxByParent = new(StringComparer.Ordinal);

    public CourseLookup(IEnumerable<string> courseKeys)
    {
        _courses = new HashSet<string>(courseKeys, StringComparer.Ordinal);
        foreach (var key in _courses)
        {
            if (CourseKey.TryParse(key, out var parsed) && parsed.IsCcx)
            {
                var parent = parsed.MasterCourse.ToString();
                if (!_ccxByParent.TryGetValue(parent, out var children))
                    _ccxByParent[parent] = children = [];
                children.Add(key);
            }
        }
    }

    /// <summary>How many courses the index holds.</summary>
    public int Count => _courses.Count;

    /// <summary>Whether <paramref name="courseKey"/> is published here.</summary>
    public bool Contains(string courseKey) => _courses.Contains(courseKey);

    /// <summary>The CCX courses here built on <paramref name="parentKey"/>.</summary>
    public IReadOnlyList<string> CcxOf(string parentKey) => _ccxByParent.TryGetValue(parentKey, out var children) ? children : [];
}
