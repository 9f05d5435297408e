using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Api.Tests.Infrastructure;

namespace Actors.Api.Tests.Hosting;

/// <summary>Courseware state in the embedded default (SQLite in ./data/actors.db) with the real executable: killed with
/// SIGKILL while group-committed writes are in flight, then restarted, it has every write it acknowledged.</summary>
public sealed class EmbeddedStateDurabilityTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("actors-state-").FullName;

    private static string Unit(int i) => $"block-v1:Org+Course+Run+type@vertical+block@u{i}";

    [Fact]
    public async Task KilledProcess_RestartedOnTheSameData_HasEveryAcknowledgedStateWrite()
    {
        var acknowledged = new List<int>();
        await using (var first = await ApiProcess.StartAsync(_workingDirectory))
        {
            using var client = await first.CreateAdministratorClientAsync();
            var firstAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writes = Enumerable.Range(0, 200).Select(async i =>
            {
                var response = await client.PutAsync($"/api/courseware/v1/state/alice/{Unit(i)}",
                    new StringContent($$"""{"seen": {{i}}}""", Encoding.UTF8, "application/json"));
                if (response.IsSuccessStatusCode)
                    firstAcknowledged.TrySetResult();
                return (i, response.IsSuccessStatusCode);
            }).ToList();
            // Killed as soon as one write is acknowledged, while the others are still in flight (however slow the machine).
            await Task.WhenAny(firstAcknowledged.Task, Task.WhenAll(writes)).WaitAsync(TimeSpan.FromSeconds(60));
            first.Kill();
            foreach (var write in writes)
            {
                try
                {
                    if (await write is (var i, true))
                        acknowledged.Add(i);
                }
                catch (HttpRequestException)
                {
                    // In flight at the kill: not acknowledged.
                }
                catch (TaskCanceledException)
                {
                }
            }
        }

        Assert.NotEmpty(acknowledged);
        await using var second = await ApiProcess.StartAsync(_workingDirectory);
        using var reader = await second.CreateAdministratorClientAsync();
        var response = await reader.PostAsJsonAsync("/api/courseware/v1/state/alice/get_many",
            new { block_keys = Enumerable.Range(0, 200).Select(Unit).ToArray() });
        response.EnsureSuccessStatusCode();
        var stored = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .ToDictionary(r => r.GetProperty("block_key").GetString()!, r => r.GetProperty("state").GetProperty("seen").GetInt32());

        Assert.All(acknowledged, i => Assert.Equal(i, stored.GetValueOrDefault(Unit(i), -1)));
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);
}
