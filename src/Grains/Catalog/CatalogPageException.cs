using System.Net;

namespace Actors.Grains.Catalog;

/// <summary>A catalog page could not be read: the request failed (after the resilience pipeline's retries), timed out,
/// found the circuit open, answered a non-success status, or answered a body that is not the expected JSON.</summary>
public sealed class CatalogPageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CatalogPageException(Uri url, HttpStatusCode? status, string reason, Exception? inner = null)
        : base($"Catalog page {url} failed ({(status is { } s ? $"HTTP {(int)s}" : "no response")}): {reason}", inner)
    {
        Url = url;
        Status = status;
        Reason = reason;
    }

    /// <summary>The page's URL.</summary>
    public Uri Url { get; }

    /// <summary>The HTTP status, when a response came.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>What went wrong.</summary>
    public string Reason { get; }
}
