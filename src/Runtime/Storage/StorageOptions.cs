namespace Actors.Runtime.Storage;

/// <summary>Where and how the silo stores state and reminders. Section <c>Actors:Storage</c>; the PostgreSQL connection
/// string is <c>ConnectionStrings:Actors</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The SQLite file of the embedded default (no PostgreSQL configured). Default <c>data/actors.db</c>, relative to
    /// the working directory.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "actors.db");

    /// <summary>How many times a read that failed transiently is tried in all. Default 3. Writes are never retried:
    /// their outcome may be unknown, and the caller decides.</summary>
    public int ReadAttempts { get; set; } = 3;

    /// <summary>First wait between tries; doubles each time. Default 100 ms.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between tries, also while waiting for the database at start. Default 5 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);
}
