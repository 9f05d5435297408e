using System.Diagnostics;
using Actors.Grains.Hosting;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>
/// The real silo executable (<c>src/Silo</c>'s build output) in its own process, joined to a cluster whose membership
/// table is in the PostgreSQL database <c>connectionString</c> names. <see cref="Kill"/> is SIGKILL: no goodbye, no
/// flush; the other silos find out through failure detection.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(string name, int port, string connectionString, IReadOnlyDictionary<string, string>? environment)
    {
        Name = name;
        Port = port;
        var start = new ProcessStartInfo("dotnet", [ApiProcess.BuiltAssemblyPath("Silo", "Actors.Silo.dll")]);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["ConnectionStrings__Actors"] = connectionString;
        start.Environment["Actors__Cluster__Enabled"] = "true";
        start.Environment["Actors__Cluster__SiloPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Actors__Cluster__GatewayPort"] = ApiProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Actors__Cluster__AdvertisedAddress"] = "127.0.0.1";
        start.Environment["Actors__Cluster__SiloName"] = name;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        _process = new ChildProcess(start, OnLine);
    }

    public string Name { get; }

    public int Port { get; }

    public string Output => _process.Output;

    /// <summary>Starts the silo (with extra <paramref name="environment"/> variables, if given) and waits until it logs
    /// that it joined the cluster.</summary>
    public static async Task<SiloProcess> StartAsync(string name, string connectionString, IReadOnlyDictionary<string, string>? environment = null)
    {
        var silo = new SiloProcess(name, ApiProcess.FreePort(), connectionString, environment);
        silo._process.Start();
        try
        {
            await silo._joined.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            await silo.DisposeAsync();
            throw new TimeoutException($"Silo {name} did not join within 60 s:\n{silo.Output}");
        }

        return silo;
    }

    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnLine(string line)
    {
        if (line.Contains(SiloActiveLogger.ActiveMessageMarker, StringComparison.Ordinal))
            _joined.TrySetResult();
    }
}
