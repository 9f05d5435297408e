using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Actors.Bench.Courses;

/// <summary>
/// The real API executable (src/Api's build output for this benchmark's configuration) in its own process, configured
/// as an operator runs it (Production environment, <c>Jwt__Secret</c> from the environment), with a throwaway working
/// directory so its embedded SQLite database (<c>data/actors.db</c>) is new. Tokens are minted with the API's own
/// <c>token</c> command and the same configuration.
/// </summary>
internal sealed class ApiChildProcess : IAsyncDisposable
{
    // A benchmark-only secret (at least 32 bytes for HS256), given to the API and its token command alike.
    private const string Secret = "benchmark-only-secret-not-for-any-deployment";

    private readonly Process _process;
    private readonly OutputTail _output = new(200);
    private readonly string _workingDirectory;

    private ApiChildProcess(string assembly, string workingDirectory, int port, IReadOnlyDictionary<string, string>? environment)
    {
        Assembly = assembly;
        _workingDirectory = workingDirectory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [assembly, "--urls", BaseAddress.ToString().TrimEnd('/'), "--contentRoot", Path.GetDirectoryName(assembly)!])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Jwt__Secret"] = Secret;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => _output.Add(e.Data);
        _process.ErrorDataReceived += (_, e) => _output.Add(e.Data);
    }

    public string Assembly { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public string LastOutput => _output.ToString();

    /// <summary>src/Api/bin/{Configuration}/net10.0/Actors.Api.dll, for the configuration this benchmark was built in.</summary>
    public static string AssemblyPath()
    {
        var benchDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = benchDirectory.Parent!.Name; // bench/bin/{Configuration}/net10.0/
        var path = Path.Combine(BenchmarkReport.RepositoryRoot(), "src", "Api", "bin", configuration, benchDirectory.Name, "Actors.Api.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build the API first: dotnet build -c {configuration} Actors.sln (or src/Api).", path);
    }

    /// <summary>Starts the API, with <paramref name="environment"/> added to its environment (configuration such as
    /// <c>Catalog__ApiUrl</c>), and waits until <c>/readyz</c> answers 200.</summary>
    public static async Task<ApiChildProcess> StartAsync(string assembly, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var api = new ApiChildProcess(assembly, workingDirectory, FreePort(), environment);
        api._process.Start();
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (api._process.HasExited)
                throw new InvalidOperationException($"The API exited with code {api._process.ExitCode} during start:\n{api.LastOutput}");
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                    return api;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        await api.DisposeAsync();
        throw new TimeoutException($"The API at {api.BaseAddress} was not ready within 60 s:\n{api.LastOutput}");
    }

    /// <summary>A token from <c>dotnet Actors.Api.dll token --user NAME [--admin]</c>, run with the API's configuration.</summary>
    public async Task<string> MintTokenAsync(string user, bool administrator)
    {
        List<string> arguments = [Assembly, "token", "--user", user];
        if (administrator)
            arguments.Add("--admin");
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = Path.GetDirectoryName(Assembly)!, // the CLI's content root: where appsettings*.json are
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Jwt__Secret"] = Secret;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? output.Trim()
            : throw new InvalidOperationException($"The token command failed with exit code {process.ExitCode}: {error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
