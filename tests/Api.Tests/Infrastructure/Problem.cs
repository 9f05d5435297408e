using System.Net;
using System.Text.Json;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>Reads and checks a problem-details response (RFC 9457).</summary>
internal static class Problem
{
    /// <summary>Asserts the response is problem details with <paramref name="status"/> and a title; returns the body.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        return body;
    }

    /// <summary>The messages under <c>errors[field]</c>, failing if the field is not named.</summary>
    public static string[] ErrorsFor(JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), "The problem has no errors dictionary.");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors does not name '{field}': {errors}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }
}
