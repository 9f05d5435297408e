namespace Actors.Runtime.Tests.Infrastructure;

/// <summary>Waits for a condition that another thread makes true, failing after <see cref="Probe.Patience"/>.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Probe.Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(5);
        }
    }
}
