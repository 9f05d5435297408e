namespace Actors.Api.Tests.Infrastructure;

/// <summary>Waits for a condition over HTTP to hold.</summary>
internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms until it returns true; fails the test after
    /// <paramref name="timeout"/> (default 30 s). A condition that throws <see cref="HttpRequestException"/> (a 503 while
    /// a cluster notices a dead silo, say) does not hold yet.</summary>
    public static async Task Async(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var deadline = DateTime.UtcNow + limit;
        while (!await HoldsAsync(condition))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the condition did not hold within {limit.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }

    private static async Task<bool> HoldsAsync(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
