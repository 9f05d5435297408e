using Orleans.Concurrency;

namespace Actors.Grains.Catalog;

/// <summary>
/// The durable list of courses published on a site (key: the site, <see cref="CatalogSites.Default"/>). Course grains
/// add themselves on publish and remove themselves on delete, so the catalog sync knows which of the catalog's course
/// runs exist here — and which CCX courses hang under a parent — without activating a grain per catalog row.
/// </summary>
[Alias("actors.ICourseIndexGrain")]
public interface ICourseIndexGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="courseKey"/> as published here; writes only when it was not recorded.</summary>
    [Alias("Add")]
    Task AddAsync(string courseKey, CancellationToken cancellationToken = default);

    /// <summary>Forgets <paramref name="courseKey"/>; writes only when it was recorded.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string courseKey, CancellationToken cancellationToken = default);

    /// <summary>Every course recorded, in ordinal order.</summary>
    [ReadOnly]
    [Alias("GetCourses")]
    Task<IReadOnlyList<string>> GetCoursesAsync(CancellationToken cancellationToken = default);
}

/// <summary>Site keys of the site-wide grains.</summary>
public static class CatalogSites
{
    /// <summary>The one site of a single-site deployment.</summary>
    public const string Default = "default";
}
