namespace Actors.Grains.Storage;

/// <summary>Where and how a silo stores grain state, reminders and the learner tables. Section
/// <c>Actors:Storage</c>; the PostgreSQL connection string is <c>ConnectionStrings:Actors</c> (when it is set, the
/// silo uses PostgreSQL and <see cref="SqlitePath"/> is ignored).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Actors:Storage";

    /// <summary>The SQLite file of the embedded default (no PostgreSQL configured). Default <c>data/actors.db</c>,
    /// relative to the working directory.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "actors.db");

    /// <summary>How many times the schema migrations are tried at silo start when the database fails transiently
    /// (unreachable, restarting, busy). Null (the default): until they succeed or the silo's start is cancelled.
    /// Permanent failures (wrong password, missing database, a broken script) fail the start at once.</summary>
    public int? MigrationAttempts { get; set; }

    /// <summary>First wait between tries; doubles each time. Default 100 ms.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between tries. Default 5 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);
}
