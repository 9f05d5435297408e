using System.Data.Common;
using Npgsql;

namespace Actors.TestSupport.Postgres;

/// <summary>
/// A PostgreSQL server for tests. <see cref="SharedAsync"/> gives the one server of this test process: the server named
/// by the <c>ACTORS_TEST_POSTGRES</c> connection string when that is set, otherwise a throwaway server started from the
/// installed binaries (data in a temp folder, a random free port on 127.0.0.1, stopped and deleted at process exit).
/// <see cref="StartDedicatedAsync"/> gives a throwaway server of the caller's own, which it may stop and start again.
/// Tests get isolation from <see cref="CreateDatabaseAsync"/> (a fresh database each call). Every failure throws
/// <see cref="PostgresUnavailableException"/> saying why and how to fix it; tests never skip silently.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The environment variable naming an existing server (an Npgsql connection string) to use instead.</summary>
    public const string EnvironmentVariable = "ACTORS_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(CreateSharedAsync);
    private static readonly HashSet<PostgresServer> Owned = [];

    private readonly PostgresInstance? _instance;
    private readonly bool _isShared;
    private readonly NpgsqlConnectionStringBuilder _settings;

    static PostgresServer() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteOwnedAtExit();

    private PostgresServer(PostgresInstance instance, bool isShared)
    {
        _instance = instance;
        _isShared = isShared;
        _settings = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = instance.Port,
            Username = "postgres",
            Database = "postgres",
            Pooling = true,
            Timeout = 5,
            CommandTimeout = 30,
        };
    }

    private PostgresServer(NpgsqlConnectionStringBuilder external)
    {
        _settings = external;
        _isShared = true;
    }

    /// <summary>Whether this is the server named by <c>ACTORS_TEST_POSTGRES</c> (not started by this process).</summary>
    public bool IsExternal => _instance is null;

    /// <summary>The server's TCP port.</summary>
    public int Port => _instance?.Port ?? _settings.Port;

    /// <summary>A connection string to the <c>postgres</c> database (for an external server: to the database its
    /// connection string names, <c>postgres</c> when it names none), as a user who may CREATE DATABASE.</summary>
    public string AdminConnectionString => _settings.ConnectionString;

    /// <summary>The temp folder of a server this process started (null for an external one).</summary>
    internal string? Folder => _instance?.Folder;

    /// <summary>
    /// The one server of this test process, started on first use (thread-safe) and stopped and deleted at process exit;
    /// or, when <c>ACTORS_TEST_POSTGRES</c> is set, that server (checked by connecting to it once).
    /// </summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>
    /// Starts a new throwaway server from the installed binaries, owned by the caller (always, even when
    /// <c>ACTORS_TEST_POSTGRES</c> is set): it may be stopped and started again, and <see cref="DisposeAsync"/> stops it
    /// and deletes its data (as does process exit, if the caller never disposes it).
    /// </summary>
    /// <param name="durable">Keep fsync, synchronous commit and full-page writes on (benchmarks); by default they are
    /// off, which is faster and loses nothing unless the machine itself crashes.</param>
    public static async Task<PostgresServer> StartDedicatedAsync(bool durable = false)
    {
        var server = new PostgresServer(await PostgresInstance.CreateAsync(durable).ConfigureAwait(false), isShared: false);
        lock (Owned) Owned.Add(server);
        return server;
    }

    /// <summary>
    /// Creates a fresh, uniquely named database and returns an Npgsql connection string to it
    /// (<c>Host=127.0.0.1;Port=…;Username=postgres;Database=…;Pooling=true;Timeout=5;Command Timeout=30</c> for a
    /// throwaway server; an external server's own settings otherwise).
    /// </summary>
    /// <param name="namePrefix">Start of the database name (letters, digits and underscores are kept; default
    /// <c>test</c>); a random suffix makes it unique.</param>
    public async Task<string> CreateDatabaseAsync(string? namePrefix = null)
    {
        var name = NewDatabaseName(namePrefix);
        await ExecuteAdminAsync($"CREATE DATABASE {QuoteIdentifier(name)}", $"creating the test database {name}")
            .ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    /// <summary>
    /// Drops a database (<c>DROP DATABASE IF EXISTS … WITH (FORCE)</c>, ending its sessions), after closing this
    /// process's idle pooled connections to it.
    /// </summary>
    /// <param name="database">The database name (as in the connection string <see cref="CreateDatabaseAsync"/> gave).</param>
    public async Task DropDatabaseAsync(string database)
    {
        using (var pooled = new NpgsqlConnection(ConnectionStringFor(database))) NpgsqlConnection.ClearPool(pooled);
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {QuoteIdentifier(database)} WITH (FORCE)",
            $"dropping the test database {database}").ConfigureAwait(false);
    }

    /// <summary>A connection string to <paramref name="database"/> on this server, with this server's settings.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(_settings.ConnectionString) { Database = database }.ConnectionString;

    /// <summary>
    /// Stops the server (<c>pg_ctl stop -m fast</c>: sessions are ended), keeping its port and data for
    /// <see cref="StartAsync"/>. Connections fail until then; pooled connections opened before the stop are broken.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server is external (<c>ACTORS_TEST_POSTGRES</c>).</exception>
    public Task StopAsync() => OwnInstance().StopAsync();

    /// <summary>Starts the server again after <see cref="StopAsync"/>, on the same port and data directory.</summary>
    /// <exception cref="InvalidOperationException">The server is external (<c>ACTORS_TEST_POSTGRES</c>).</exception>
    public Task StartAsync() => OwnInstance().StartAsync();

    /// <summary>
    /// Stops the server and deletes its folder. No-op for the shared server (that happens at process exit) and for an
    /// external one.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_instance is null || _isShared) return;
        lock (Owned) Owned.Remove(this);
        await _instance.DeleteAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        IsExternal ? $"external PostgreSQL at {_settings.Host}:{Port} ({EnvironmentVariable})"
                   : $"throwaway PostgreSQL at 127.0.0.1:{Port} ({_instance!.Folder})";

    /// <summary>Wraps the server an <c>ACTORS_TEST_POSTGRES</c> connection string names, after connecting once.</summary>
    internal static async Task<PostgresServer> ConnectExternalAsync(string connectionString)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
            settings = new NpgsqlConnectionStringBuilder { Pooling = true, Timeout = 5, CommandTimeout = 30 };
            foreach (string key in given.Keys) settings[key] = given[key];
            if (string.IsNullOrEmpty(settings.Database)) settings.Database = "postgres";
        }
        catch (ArgumentException e)
        {
            throw new PostgresUnavailableException(
                $"{EnvironmentVariable} is set but is not a valid Npgsql connection string: {e.Message}", e);
        }

        var server = new PostgresServer(settings);
        await server.ExecuteAdminAsync("SELECT 1", $"connecting to the server {EnvironmentVariable} names")
            .ConfigureAwait(false);
        return server;
    }

    private static async Task<PostgresServer> CreateSharedAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external)) return await ConnectExternalAsync(external).ConfigureAwait(false);
        var server = new PostgresServer(await PostgresInstance.CreateAsync(durable: false).ConfigureAwait(false), isShared: true);
        lock (Owned) Owned.Add(server);
        return server;
    }

    private async Task ExecuteAdminAsync(string sql, string what)
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or TimeoutException or IOException)
        {
            throw new PostgresUnavailableException($"The test PostgreSQL failed {what} on {this}: {e.Message}", e);
        }
    }

    private PostgresInstance OwnInstance() =>
        _instance ?? throw new InvalidOperationException(
            $"The server is the external one {EnvironmentVariable} names; only servers this process started can be " +
            "stopped and started (use PostgresServer.StartDedicatedAsync).");

    private static string NewDatabaseName(string? prefix)
    {
        var kept = new string((prefix ?? "test").ToLowerInvariant()
            .Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').Take(40).ToArray());
        if (kept.Length == 0) kept = "test";
        return $"{kept}_{Guid.NewGuid().ToString("N")[..16]}";
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static void DeleteOwnedAtExit()
    {
        PostgresServer[] servers;
        lock (Owned)
        {
            servers = [.. Owned];
            Owned.Clear();
        }

        try
        {
            Task.WhenAll(servers.Select(server => server._instance!.DeleteAsync())).Wait(TimeSpan.FromSeconds(60));
        }
        catch (Exception)
        {
            // Best effort at exit; a later run reaps what is left (see PostgresInstance).
        }
    }
}
