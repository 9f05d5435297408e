using System.Net.Http.Json;
using Actors.Api.Admin;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Hosting;

/// <summary>The embedded default (SQLite in ./data/actors.db) with the real executable, killed with SIGKILL.</summary>
public sealed class EmbeddedDefaultDurabilityTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("actors-embedded-").FullName;

    [Fact]
    public async Task KilledProcess_RestartedOnTheSameData_LosesNoAcknowledgedWrite()
    {
        const int sequential = 25;
        int[] inFlight = [26, 27, 28, 29, 30];
        var anyInFlightAcknowledged = false;
        await using (var first = await ApiProcess.StartAsync(_workingDirectory))
        {
            using var client = await first.CreateAdministratorClientAsync();
            for (var i = 1; i <= sequential; i++)
                (await client.PutAsJsonAsync("/admin/api/crawlers", new CrawlersConfigRequest(true, $"agent-{i}"))).EnsureSuccessStatusCode();

            // More writes in flight at the moment of the kill: they may or may not land, but nothing acknowledged may be lost.
            var pending = inFlight.Select(i => client.PutAsJsonAsync("/admin/api/crawlers", new CrawlersConfigRequest(true, $"agent-{i}"))).ToList();
            first.Kill();
            await Task.WhenAll(pending.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            anyInFlightAcknowledged = pending.Any(t => t.IsCompletedSuccessfully && t.Result.IsSuccessStatusCode);
        }

        Assert.True(File.Exists(Path.Combine(_workingDirectory, "data", "actors.db")), "The embedded default keeps its data in ./data/actors.db.");
        await using var second = await ApiProcess.StartAsync(_workingDirectory);
        using var reader = await second.CreateAdministratorClientAsync();
        var config = await reader.GetFromJsonAsync<CrawlersConfigResponse>("/admin/api/crawlers");

        // The last acknowledged write, or a write that was in flight after it (those land in any order).
        var recovered = int.Parse(config!.KnownUserAgents["agent-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(config.Enabled);
        if (anyInFlightAcknowledged)
            Assert.Contains(recovered, inFlight);
        else
            Assert.Contains(recovered, inFlight.Append(sequential));
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);
}
