using System.Diagnostics;
using System.Text;

namespace Actors.TestSupport.Postgres;

/// <summary>The combined standard output and error of a finished command, and its exit code.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs the PostgreSQL programs. <c>initdb</c> and <c>postgres</c> refuse to run as root, so when this process is root
/// they run as the <c>postgres</c> user (which the Debian package creates), through <c>runuser</c> or else <c>su</c>.
/// </summary>
internal static class PostgresProcess
{
    /// <summary>The account the server runs as when this process is root.</summary>
    public const string ServiceUser = "postgres";

    /// <summary>Whether this process is root (then the server programs run as <see cref="ServiceUser"/>).</summary>
    public static bool IsRoot => Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows();

    /// <summary>Runs a server program as the server's user (see the class comment); never throws for a failed exit.</summary>
    public static Task<CommandResult> RunAsServerUserAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var (file, fileArguments) = AsServerUser(program, arguments);
        return RunAsync(file, fileArguments, workingDirectory, timeout);
    }

    /// <summary>The program and arguments that run <paramref name="program"/> as the server's user.</summary>
    public static (string Program, IReadOnlyList<string> Arguments) AsServerUser(
        string program, IReadOnlyList<string> arguments)
    {
        if (!IsRoot) return (program, arguments);
        var runuser = new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists);
        if (runuser is not null) return (runuser, ["-u", ServiceUser, "--", program, .. arguments]);
        return ("su", [ServiceUser, "-s", "/bin/sh", "-c", "exec " + ShellCommand(program, arguments)]);
    }

    /// <summary>
    /// Starts a shell script detached from this process (own session, not a child, no inherited output), so it
    /// outlives this process even when the test runner kills it.
    /// </summary>
    public static async Task StartDetachedAsync(string script)
    {
        var launcher = "$(command -v setsid || true) /bin/sh -c \"$0\" </dev/null >/dev/null 2>&1 &";
        var result = await RunAsync("/bin/sh", ["-c", launcher, script], "/", TimeSpan.FromSeconds(30))
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new PostgresUnavailableException(
                $"Could not start the cleanup watcher (exit {result.ExitCode}): {result.Output}");
        }
    }

    /// <summary>A shell command line running <paramref name="program"/> with <paramref name="arguments"/>.</summary>
    public static string ShellCommand(string program, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { program }.Concat(arguments).Select(ShellQuote));

    /// <summary>Runs a program as this process's user; never throws for a failed exit (only if it cannot start).</summary>
    public static async Task<CommandResult> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var commandLine = ShellCommand(program, arguments);
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        // Messages in English and no dependence on the machine's locales (initdb fails on a missing one).
        startInfo.Environment["LC_ALL"] = "C";
        startInfo.Environment["LANG"] = "C";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Exception e)
        {
            throw new PostgresUnavailableException($"Could not run `{commandLine}`: {e.Message}", e);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            Append(output, $"(killed: no exit within {timeout.TotalSeconds:0} s)");
            return new CommandResult(commandLine, -1, Snapshot(output));
        }

        return new CommandResult(commandLine, process.ExitCode, Snapshot(output));
    }

    /// <summary>Gives a folder this (root) process created to <see cref="ServiceUser"/>; no-op when not root.</summary>
    public static async Task GiveToServerUserAsync(string folder)
    {
        if (!IsRoot) return;
        var result = await RunAsync("chown", [$"{ServiceUser}:", folder], "/", TimeSpan.FromSeconds(30))
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new PostgresUnavailableException(
                $"This process runs as root, so the test PostgreSQL must run as the `{ServiceUser}` user (initdb refuses " +
                $"root), but `{result.CommandLine}` failed (exit {result.ExitCode}): {result.Output} " +
                $"(the Debian `postgresql` package creates that user).");
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString().TrimEnd();
    }

    /// <summary>Quotes a word for /bin/sh (single quotes unless it is plainly safe).</summary>
    public static string ShellQuote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";
}
