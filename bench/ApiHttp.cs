using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Actors.Bench;

/// <summary>What the HTTP benchmarks need to set up data through the API: clients with a bearer token, JSON bodies and
/// calls that must answer a given status.</summary>
internal static class ApiHttp
{
    /// <summary>A client of <paramref name="baseAddress"/> sending <paramref name="token"/> as its bearer token.</summary>
    public static HttpClient Client(Uri baseAddress, string token) => new()
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    /// <summary>A JSON request body.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Awaits <paramref name="call"/> and throws, naming the request and the answer, unless it answered
    /// <paramref name="expected"/>.</summary>
    public static async Task ExpectAsync(HttpStatusCode expected, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} " +
                                                $"(expected {(int)expected}): {await response.Content.ReadAsStringAsync()}");
    }
}
