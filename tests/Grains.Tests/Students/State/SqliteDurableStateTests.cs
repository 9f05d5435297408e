using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Students.State;

/// <summary><see cref="DurableStateContract"/> on a SQLite file (the embedded default).</summary>
public sealed class SqliteDurableStateTests : DurableStateContract, IDisposable
{
    private readonly SqliteStudentDatabase _database = new();

    private protected override Task<TestSilo> StartSiloAsync(Action<IServiceCollection>? services = null) =>
        TestSilo.StartAsync(services: services, sqlitePath: _database.Path);

    public void Dispose() => _database.Dispose();
}
