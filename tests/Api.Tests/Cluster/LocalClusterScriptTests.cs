using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Cluster;

/// <summary>The README's one command for a local cluster, run as a user would: start, use, stop.</summary>
[Trait("Category", "Postgres")]
public sealed partial class LocalClusterScriptTests
{
    [Fact]
    public async Task LocalClusterScript_StartsThreeSilosAndAnApi_AndStopRemovesEverything()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"actors-local-cluster-test-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string>
        {
            ["ACTORS_CLUSTER_DIR"] = directory,
            ["ACTORS_API_PORT"] = ApiProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ACTORS_SILO_BASE_PORT"] = FreePortRun(3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ACTORS_GATEWAY_BASE_PORT"] = FreePortRun(3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ACTORS_PG_PORT"] = ApiProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        try
        {
            var started = await RunScriptAsync("start", environment);
            Assert.True(started.ExitCode == 0, started.Output);
            var url = ApiUrl().Match(started.Output).Groups[1].Value;
            var token = AdminToken().Match(started.Output).Groups[1].Value;
            Assert.Equal($"http://127.0.0.1:{environment["ACTORS_API_PORT"]}", url);

            using var http = new HttpClient { BaseAddress = new Uri(url) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var silos = JsonDocument.Parse(await http.GetStringAsync("/admin/api/silos")).RootElement;
            Assert.Equal(["silo-1", "silo-2", "silo-3"], silos.EnumerateArray().Select(s => s.GetProperty("siloName").GetString()).Order());
        }
        finally
        {
            var stopped = await RunScriptAsync("stop", environment);
            Assert.True(stopped.ExitCode == 0, stopped.Output);
        }

        Assert.False(Directory.Exists(directory));
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string command, Dictionary<string, string> environment)
    {
        var script = Path.Combine(RepositoryFiles.Root, "deploy", "local-cluster.sh");
        var start = new ProcessStartInfo("bash", [script, command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output + await errors);
    }

    // The first of `count` consecutive free ports (the script gives silos and gateways base, base+1, ...).
    private static int FreePortRun(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = ApiProcess.FreePort();
            if (first + count < 65535 && Enumerable.Range(first + 1, count - 1).All(IsFree))
                return first;
        }

        throw new InvalidOperationException($"No run of {count} free ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"API URL:\s+(\S+)")]
    private static partial Regex ApiUrl();

    [GeneratedRegex(@"Admin token:\s+(\S+)")]
    private static partial Regex AdminToken();
}
