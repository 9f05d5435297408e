namespace Actors.Grains.Catalog;

/// <summary>Which catalog fields a course run of the Catalog service carried (a field it left out is left alone).</summary>
[Flags]
public enum CatalogFields
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><c>marketing_url</c> (null included: a null URL clears the overview's, as in Open edX).</summary>
    MarketingUrl = 1,

    /// <summary><c>eligible_for_financial_aid</c> (a boolean; null counts as not given).</summary>
    EligibleForFinancialAid = 2,

    /// <summary><c>content_language</c>, stored as the overview's <c>language</c> (null included).</summary>
    Language = 4,
}

/// <summary>The values the Catalog service holds for one course run, as told to its <see cref="Courses.ICourseGrain"/>:
/// the course stores each given field that differs from its overview.</summary>
/// <param name="MarketingUrl">The course's marketing-site URL (<c>marketing_url</c>, fetched with <c>exclude_utm=1</c>).</param>
/// <param name="EligibleForFinancialAid">Open edX's <c>eligible_for_financial_aid</c>.</param>
/// <param name="Language">The catalog's <c>content_language</c>, e.g. <c>en-us</c>.</param>
/// <param name="Given">Which of the three the catalog row carried.</param>
[GenerateSerializer, Immutable, Alias("actors.CatalogValues")]
public sealed record CatalogValues(string? MarketingUrl, bool? EligibleForFinancialAid, string? Language, CatalogFields Given)
{
    /// <summary>Only the marketing URL of these values: what a CCX course takes from its parent's row.</summary>
    public CatalogValues MarketingUrlOnly() => this with { EligibleForFinancialAid = null, Language = null, Given = Given & CatalogFields.MarketingUrl };

    /// <summary>These values without the marketing URL: what a CCX course takes from its own row.</summary>
    public CatalogValues WithoutMarketingUrl() => this with { MarketingUrl = null, Given = Given & ~CatalogFields.MarketingUrl };
}

/// <summary>What a course did with catalog values.</summary>
public enum CatalogApplyOutcome
{
    /// <summary>The course is not published here; nothing was stored.</summary>
    NotHere,

    /// <summary>The overview already had these values; nothing was written.</summary>
    Unchanged,

    /// <summary>At least one value differed; the overview was written.</summary>
    Updated,
}
