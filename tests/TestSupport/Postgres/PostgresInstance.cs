using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Actors.TestSupport.Postgres;

/// <summary>
/// One throwaway PostgreSQL cluster from the installed binaries: a temp folder (<c>actors-pg-*</c>) holding the data
/// directory, the server log and the Unix socket, served on a free port of 127.0.0.1. It can be stopped and started
/// again on the same port and data directory, and is stopped and deleted by <see cref="DeleteAsync"/>.
/// </summary>
internal sealed class PostgresInstance
{
    private const string FolderPrefix = "actors-pg-";
    private const string OwnerFile = "owner.pid";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _binaries;
    private bool _running;
    private bool _deleted;

    private PostgresInstance(string binaries, string folder, bool durable)
    {
        _binaries = binaries;
        Folder = folder;
        Durable = durable;
    }

    /// <summary>The temp folder holding everything of this cluster.</summary>
    public string Folder { get; }

    /// <summary>The data directory (<c>initdb</c>'s).</summary>
    public string DataDirectory => Path.Combine(Folder, "data");

    /// <summary>The server log (<c>pg_ctl -l</c>).</summary>
    public string LogFile => Path.Combine(Folder, "server.log");

    /// <summary>Whether the server keeps fsync, synchronous commit and full-page writes on.</summary>
    public bool Durable { get; }

    /// <summary>The TCP port on 127.0.0.1 (chosen on the first start, kept afterwards).</summary>
    public int Port { get; private set; }

    /// <summary>Creates the folder, runs <c>initdb</c> and starts the server on a free port.</summary>
    public static async Task<PostgresInstance> CreateAsync(bool durable)
    {
        var binaries = PostgresBinaries.FindDirectory();
        var parent = ParentFolder();
        await ReapOrphansAsync(parent, binaries).ConfigureAwait(false);

        var folder = Path.Combine(parent, $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}");
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            .ConfigureAwait(false);

        var instance = new PostgresInstance(binaries, folder, durable);
        try
        {
            await PostgresProcess.GiveToServerUserAsync(folder).ConfigureAwait(false);
            await instance.StartWatcherAsync().ConfigureAwait(false);
            await instance.InitDbAsync().ConfigureAwait(false);
            await instance.StartOnFreePortAsync().ConfigureAwait(false);
            return instance;
        }
        catch
        {
            await instance.DeleteAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the stopped server again on the same port and data directory; no-op if running.</summary>
    public async Task StartAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_deleted, this);
            if (_running) return;
            var failure = await TryStartAsync(Port).ConfigureAwait(false);
            if (failure is not null) throw new PostgresUnavailableException(failure);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>), keeping its data; no-op if stopped.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_deleted, this);
            await StopCoreAsync(throwOnFailure: true).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server and deletes its folder; best effort, never throws, idempotent.</summary>
    public async Task DeleteAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_deleted) return;
            _deleted = true;
            try { await StopCoreAsync(throwOnFailure: false).ConfigureAwait(false); } catch (Exception) { }
            try { Directory.Delete(Folder, recursive: true); } catch (Exception) { }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Starts a detached shell that waits for this process to end and then stops the server and deletes the folder:
    /// the test runner kills its test host moments after the run, often before the ProcessExit handler is done, and a
    /// killed or crashed process runs no handler at all. It ends early once the folder is gone (disposed).
    /// </summary>
    private Task StartWatcherAsync()
    {
        var (program, arguments) = PostgresProcess.AsServerUser(
            Path.Combine(_binaries, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"]);
        var folder = PostgresProcess.ShellQuote(Folder);
        var script =
            $"while kill -0 {Environment.ProcessId} 2>/dev/null && [ -d {folder} ]; do sleep 1; done; " +
            $"if [ -f {PostgresProcess.ShellQuote(Path.Combine(DataDirectory, "postmaster.pid"))} ]; then " +
            $"{PostgresProcess.ShellCommand(program, arguments)}; fi; rm -rf {folder}";
        return PostgresProcess.StartDetachedAsync(script);
    }

    private async Task InitDbAsync()
    {
        var result = await PostgresProcess.RunAsServerUserAsync(
            Path.Combine(_binaries, "initdb"),
            ["-D", DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"],
            Folder, CommandTimeout).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new PostgresUnavailableException(
                $"initdb failed (exit {result.ExitCode}) running `{result.CommandLine}`:{Environment.NewLine}{result.Output}");
        }
    }

    private async Task StartOnFreePortAsync()
    {
        string? failure = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            failure = await TryStartAsync(FreePort()).ConfigureAwait(false);
            if (failure is null) return;
            // Another process may have taken the port between choosing and binding it: choose again.
            if (!failure.Contains("already in use", StringComparison.OrdinalIgnoreCase)
                && !failure.Contains("could not bind", StringComparison.OrdinalIgnoreCase)) break;
        }

        throw new PostgresUnavailableException(failure!);
    }

    /// <summary>Runs <c>pg_ctl start</c> on <paramref name="port"/>; returns null when started, else why not.</summary>
    private async Task<string?> TryStartAsync(int port)
    {
        var logLength = LogLength();
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -k '{Folder}' -c max_connections=200";
        if (!Durable) options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        var result = await PostgresProcess.RunAsServerUserAsync(
            Path.Combine(_binaries, "pg_ctl"),
            ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options],
            Folder, CommandTimeout).ConfigureAwait(false);
        if (result.Succeeded)
        {
            Port = port;
            _running = true;
            return null;
        }

        // pg_ctl may have left a half-started postmaster behind (e.g. on a timeout): make sure it is gone.
        await RunPgCtlStopAsync("immediate").ConfigureAwait(false);
        return $"The test PostgreSQL did not start on 127.0.0.1:{port} (exit {result.ExitCode}) running " +
               $"`{result.CommandLine}`:{Environment.NewLine}{result.Output}{Environment.NewLine}" +
               $"Server log ({LogFile}), last lines:{Environment.NewLine}{LogTail(logLength)}";
    }

    private async Task StopCoreAsync(bool throwOnFailure)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")) && !_running) return;
        var result = await RunPgCtlStopAsync("fast").ConfigureAwait(false);
        if (!result.Succeeded && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            result = await RunPgCtlStopAsync("immediate").ConfigureAwait(false);
        _running = false;
        if (!result.Succeeded && throwOnFailure && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            throw new PostgresUnavailableException(
                $"The test PostgreSQL on port {Port} did not stop (exit {result.ExitCode}) running " +
                $"`{result.CommandLine}`:{Environment.NewLine}{result.Output}{Environment.NewLine}" +
                $"Server log ({LogFile}), last lines:{Environment.NewLine}{LogTail(0)}");
        }
    }

    private Task<CommandResult> RunPgCtlStopAsync(string mode) =>
        StopClusterAsync(_binaries, DataDirectory, Folder, mode);

    private static Task<CommandResult> StopClusterAsync(string binaries, string dataDirectory, string folder, string mode) =>
        PostgresProcess.RunAsServerUserAsync(
            Path.Combine(binaries, "pg_ctl"),
            ["stop", "-D", dataDirectory, "-m", mode, "-w", "-t", "60"],
            folder, CommandTimeout);

    private long LogLength()
    {
        try { return new FileInfo(LogFile).Exists ? new FileInfo(LogFile).Length : 0; } catch (IOException) { return 0; }
    }

    /// <summary>The last lines of the server log written after <paramref name="from"/> bytes.</summary>
    private string LogTail(long from)
    {
        try
        {
            if (!File.Exists(LogFile)) return "(no server log was written)";
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Max(from, stream.Length - 8192), SeekOrigin.Begin);
            var text = new StreamReader(stream).ReadToEnd();
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Length == 0 ? "(empty)" : string.Join(Environment.NewLine, lines.TakeLast(40));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(could not read the server log: {e.Message})";
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    /// <summary>
    /// The folder to create clusters in: the temp folder, or <c>/tmp</c> when running as root and the temp folder is
    /// not reachable by the <c>postgres</c> user.
    /// </summary>
    private static string ParentFolder()
    {
        var temp = Path.GetFullPath(Path.GetTempPath());
        if (!PostgresProcess.IsRoot || OperatingSystem.IsWindows()) return temp;
        for (var dir = new DirectoryInfo(temp); dir is not null; dir = dir.Parent)
        {
            if ((dir.UnixFileMode & UnixFileMode.OtherExecute) == 0) return "/tmp";
        }

        return temp;
    }

    /// <summary>
    /// Stops and deletes clusters left behind by test processes that were killed before their exit handler ran
    /// (their <c>owner.pid</c> names a process that no longer exists). Best effort.
    /// </summary>
    private static async Task ReapOrphansAsync(string parent, string binaries)
    {
        string[] folders;
        try { folders = Directory.GetDirectories(parent, FolderPrefix + "*"); }
        catch (Exception) { return; }

        foreach (var folder in folders)
        {
            try
            {
                var ownerFile = Path.Combine(folder, OwnerFile);
                if (!File.Exists(ownerFile)) continue;
                var text = await File.ReadAllTextAsync(ownerFile).ConfigureAwait(false);
                if (!int.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var owner) || IsAlive(owner)) continue;
                var data = Path.Combine(folder, "data");
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                    await StopClusterAsync(binaries, data, folder, "immediate").ConfigureAwait(false);
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception)
            {
                // Someone else's folder, or being reaped concurrently: leave it.
            }
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
