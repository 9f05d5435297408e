using System.Diagnostics;
using System.Reflection;

namespace Actors.Bench.Cluster;

/// <summary>
/// This benchmark executable started again as a child process with a hidden subcommand (<c>silo</c>,
/// <c>echo-server</c>). The child writes <c>ready PORT</c> on its standard output once it serves, and exits when its
/// standard input closes, so it never outlives this process, however this one ends. Every child is also killed when
/// this process exits or is interrupted (Ctrl-C).
/// </summary>
internal sealed class BenchChildProcess : IAsyncDisposable
{
    private static readonly HashSet<BenchChildProcess> Running = [];
    private readonly Process _process;
    private readonly OutputTail _output = new(100);
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<string>? _watch;

    static BenchChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, e) =>
        {
            // Children first, then a normal exit, so the throwaway PostgreSQL is deleted by its exit handler too.
            e.Cancel = true;
            Console.Error.WriteLine("Interrupted: stopping the child processes and the throwaway PostgreSQL.");
            KillAll();
            _ = Task.Run(() => Environment.Exit(130));
        };
    }

    private BenchChildProcess(string name, IEnumerable<string> arguments, Action<string>? watch)
    {
        Name = name;
        _watch = watch;
        var (program, prefix) = SelfCommand();
        var start = new ProcessStartInfo(program, [.. prefix, .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"{Name} exited before it was ready:\n{LastOutput}"));
        _process.EnableRaisingEvents = true;
    }

    /// <summary>What this child is, for messages (<c>silo-2</c>).</summary>
    public string Name { get; }

    public int ProcessId { get; private set; }

    /// <summary>The TCP port the child serves on, as it announced.</summary>
    public int Port { get; private set; }

    public bool HasExited => _process.HasExited;

    public string LastOutput => _output.ToString();

    /// <summary>Starts <c>Actors.Bench SUBCOMMAND ARGUMENTS</c> and waits for its <c>ready PORT</c> line;
    /// <paramref name="watch"/>, if given, sees every line the child writes.</summary>
    public static async Task<BenchChildProcess> StartAsync(string name, IEnumerable<string> arguments, TimeSpan? timeout = null,
        Action<string>? watch = null)
    {
        var child = new BenchChildProcess(name, arguments, watch);
        lock (Running)
            Running.Add(child);
        try
        {
            child._process.Start();
            child.ProcessId = child._process.Id;
            child._process.BeginOutputReadLine();
            child._process.BeginErrorReadLine();
            child.Port = await child._ready.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
            return child;
        }
        catch (Exception exception)
        {
            await child.DisposeAsync();
            throw exception is TimeoutException
                ? new TimeoutException($"{name} was not ready within {timeout ?? TimeSpan.FromSeconds(60)}:\n{child.LastOutput}", exception)
                : exception;
        }
    }

    /// <summary>SIGKILL: the process ends at once, as in a crash; its sockets are closed by the kernel.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill();
    }

    /// <summary>Closes the child's standard input (it stops gracefully) and kills it if it has not exited within
    /// <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            // Already gone.
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
                await StopAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        lock (Running)
            Running.Remove(this);
        _process.Dispose();
    }

    private static void KillAll()
    {
        BenchChildProcess[] children;
        lock (Running)
            children = [.. Running];
        foreach (var child in children)
        {
            try
            {
                child.Kill();
            }
            catch (Exception)
            {
                // Best effort: the child also exits when its standard input closes with this process.
            }
        }
    }

    // The apphost (bench/bin/.../Actors.Bench) when this process runs through it, else dotnet with this assembly.
    private static (string Program, string[] Prefix) SelfCommand()
    {
        var path = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, [Assembly.GetEntryAssembly()!.Location])
            : (path, []);
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        if (line.StartsWith("ready ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(6), out var port))
            _ready.TrySetResult(port);
        _output.Add(line);
        _watch?.Invoke(line);
    }
}
