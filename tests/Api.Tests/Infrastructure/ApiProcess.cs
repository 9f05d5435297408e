using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>
/// The real API executable (<c>src/Api</c>'s build output) in its own process, started in the Development environment
/// from <paramref name="workingDirectory"/> so the embedded default's <c>data/actors.db</c> lands there. Reads the
/// development administrator token it prints. <see cref="Kill"/> is SIGKILL: no shutdown code runs.
/// </summary>
internal sealed partial class ApiProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly TaskCompletionSource<string> _token = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApiProcess(string workingDirectory, int port, IReadOnlyDictionary<string, string>? environment)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var assembly = ApiAssemblyPath();
        // Content root = the build output (appsettings*.json); working directory = where ./data/actors.db goes.
        var start = new ProcessStartInfo("dotnet", [assembly, "--urls", BaseAddress.ToString(), "--contentRoot", Path.GetDirectoryName(assembly)!])
        {
            WorkingDirectory = workingDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Actors__Cluster__SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        _process = new ChildProcess(start, OnLine);
    }

    public Uri BaseAddress { get; }

    public string Output => _process.Output;

    /// <summary>Starts the API and waits until <c>/readyz</c> answers 200 and the token was printed.</summary>
    public static async Task<ApiProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var api = new ApiProcess(workingDirectory, FreePort(), environment);
        api._process.Start();
        await api.WaitUntilReadyAsync();
        return api;
    }

    /// <summary>A client carrying the printed administrator token.</summary>
    public async Task<HttpClient> CreateAdministratorClientAsync()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _token.Task);
        return client;
    }

    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The API exited with code {_process.ExitCode} during start:\n{Output}");
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK && _token.Task.IsCompleted)
                    return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The API at {BaseAddress} was not ready within 60 s:\n{Output}");
    }

    private void OnLine(string line)
    {
        if (Jwt().Match(line) is { Success: true } match)
            _token.TrySetResult(match.Value);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/Api's build output for the configuration this test was built in.</summary>
    private static string ApiAssemblyPath() => BuiltAssemblyPath("Api", "Actors.Api.dll");

    /// <summary>The build output of <c>src/{project}</c> in this test run's configuration.</summary>
    internal static string BuiltAssemblyPath(string project, string assemblyName)
    {
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testDirectory.Parent!.Name; // .../bin/{Configuration}/net10.0/
        var root = testDirectory;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Actors.sln")))
            root = root.Parent;
        var path = Path.Combine(root!.FullName, "src", project, "bin", configuration, testDirectory.Name, assemblyName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build src/{project} first (the solution build does).", path);
    }

    [GeneratedRegex(@"eyJ[\w-]+\.[\w-]+\.[\w-]+")]
    private static partial Regex Jwt();
}
