namespace Actors.Grains.Catalog;

/// <summary>One course run of a catalog page: its key as the catalog wrote it (null when missing or not a string) and
/// the values the sync copies.</summary>
internal sealed record CatalogCourseRun(string? Key, CatalogValues Values);

/// <summary>One page of <c>{Catalog:ApiUrl}/course_runs/</c>.</summary>
/// <param name="Number">The page number asked for.</param>
/// <param name="Url">The URL requested.</param>
/// <param name="Count">The catalog's total count of course runs (<c>count</c>), when given.</param>
/// <param name="HasNext">Whether <c>next</c> was a URL (another page follows).</param>
/// <param name="Runs">The rows of <c>results</c>, in order.</param>
/// <param name="UnreadableRows">Rows of <c>results</c> that were not JSON objects.</param>
internal sealed record CatalogPage(int Number, Uri Url, long? Count, bool HasNext, IReadOnlyList<CatalogCourseRun> Runs, int UnreadableRows);
