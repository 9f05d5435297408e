using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Catalog;

/// <summary>
/// Reads course-discovery's <c>course_runs</c> list one page at a time:
/// <c>GET {Catalog:ApiUrl}/course_runs/?page=N&amp;page_size=S&amp;exclude_utm=1</c> with the bearer token of
/// <c>Catalog:ApiToken</c>. <c>page</c> is always sent: without it discovery falls back to limit/offset with a limit of 20
/// and ignores <c>page_size</c> (openedx.md §b.2), which is how Open edX's own sync skips rows 21–100. The
/// <see cref="HttpClient"/> of each page comes from <c>IHttpClientFactory</c> (so its handlers rotate as the factory
/// intends) with Microsoft.Extensions.Http.Resilience's standard pipeline (per-attempt timeout, retries with exponential
/// back-off and jitter, circuit breaker; see <see cref="CatalogOptions.ApplyDefaults"/>).
/// </summary>
internal sealed partial class DiscoveryClient(IHttpClientFactory clients, IOptionsMonitor<CatalogOptions> options, ILogger<DiscoveryClient> logger)
{
    /// <summary>The name of the client and its resilience pipeline in <c>IHttpClientFactory</c>.</summary>
    public const string ClientName = "catalog-discovery";

    /// <summary>The URL of page <paramref name="page"/> of <paramref name="pageSize"/> runs under <paramref name="apiUrl"/>.</summary>
    public static Uri PageUrl(Uri apiUrl, int page, int pageSize)
    {
        var root = apiUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"{root}/course_runs/?page={page}&page_size={pageSize}&exclude_utm=1"));
    }

    /// <summary>Fetches and reads page <paramref name="page"/>. Throws <see cref="CatalogPageException"/> (logged here with
    /// the URL and status) when the page cannot be had or is not a page.</summary>
    public async Task<CatalogPage> GetPageAsync(int page, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var apiUrl = settings.ApiUrl ?? throw new InvalidOperationException($"{CatalogOptions.SectionName}:ApiUrl is not set.");
        var url = PageUrl(apiUrl, page, settings.PageSize);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(settings.ApiToken))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiToken);

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not OutOfMemoryException)
        {
            LogPageFailed(exception, url, NoResponse, $"{exception.GetType().Name}: {exception.Message}");
            throw new CatalogPageException(url, null, $"{exception.GetType().Name}: {exception.Message}", exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var reason = $"status {(int)response.StatusCode} {response.ReasonPhrase}";
                LogPageFailed(null, url, StatusText(response.StatusCode), reason);
                throw new CatalogPageException(url, response.StatusCode, reason);
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = CatalogPageReader.Read(page, url, body);
                LogPageRead(url, (int)response.StatusCode, result.Runs.Count, result.HasNext);
                return result;
            }
            catch (FormatException exception)
            {
                LogPageFailed(null, url, StatusText(response.StatusCode), $"not a course_runs page: {exception.Message}");
                throw new CatalogPageException(url, response.StatusCode, $"not a course_runs page: {exception.Message}", exception);
            }
        }
    }

    private const string NoResponse = "no response";

    private static string StatusText(HttpStatusCode status) => ((int)status).ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(CatalogEventIds.PageFailed, LogLevel.Error, "Catalog page {Url} failed (status {Status}): {Reason}")]
    private partial void LogPageFailed(Exception? exception, Uri url, string status, string reason);

    [LoggerMessage(CatalogEventIds.PageRead, LogLevel.Debug, "Catalog page {Url}: status {Status}, {Runs} course runs, next page: {HasNext}")]
    private partial void LogPageRead(Uri url, int status, int runs, bool hasNext);
}
