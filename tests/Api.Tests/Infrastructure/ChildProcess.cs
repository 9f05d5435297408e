using System.Diagnostics;
using System.Text;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>A child process whose output lines (stdout and stderr) are kept and handed to a watcher as they arrive.
/// <see cref="Kill"/> is SIGKILL: no shutdown code runs.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public ChildProcess(ProcessStartInfo start, Action<string> onLine)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, onLine);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, onLine);
    }

    /// <summary>Everything the process has written so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public void Start()
    {
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    private void OnLine(string? line, Action<string> onLine)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        onLine(line);
    }
}
