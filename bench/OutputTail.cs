namespace Actors.Bench;

/// <summary>The last lines a child process wrote (standard output and error together), for error messages.</summary>
internal sealed class OutputTail(int lines)
{
    private readonly Queue<string> _lines = new();

    /// <summary>Keeps <paramref name="line"/> (null: the stream ended), dropping the oldest beyond the limit.</summary>
    public void Add(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > lines)
                _lines.Dequeue();
        }
    }

    /// <summary>The kept lines, oldest first.</summary>
    public override string ToString()
    {
        lock (_lines)
            return string.Join('\n', _lines);
    }
}
