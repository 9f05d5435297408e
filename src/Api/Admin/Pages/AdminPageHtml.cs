using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Actors.Api.Admin.Pages;

/// <summary>The shell of every admin page: plain HTML with inline styles, no scripts and no external assets, so it
/// works without JavaScript and its Content-Security-Policy can forbid everything else.</summary>
internal static class AdminPageHtml
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}" +
        "textarea{width:100%;font-family:monospace;font-size:.85rem}" +
        "button{padding:.4rem 1rem;font-size:1rem}" +
        ".message{border-left:4px solid #b3261e;background:#fdecea;padding:.5rem .75rem}" +
        ".note{border-left:4px solid #1a73e8;background:#e8f0fe;padding:.5rem .75rem}" +
        "code{background:#f3f3f3;padding:0 .2rem}";

    /// <summary>A complete page titled <paramref name="title"/> around <paramref name="body"/> (already HTML), not to be
    /// cached or framed.</summary>
    public static IResult Page(HttpContext context, string title, string body, int statusCode = StatusCodes.Status200OK)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        var html =
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{Encode(title)} · Actors administration</title><style>{Style}</style></head>" +
            $"<body><main>{body}</main></body></html>";
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }

    /// <summary><paramref name="text"/> safe inside HTML text and quoted attribute values.</summary>
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>The hidden field carrying the antiforgery request token; also sets the antiforgery cookie.</summary>
    public static string AntiforgeryField(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken)}\">";
    }
}
