using System.Reflection;

namespace Actors.Grains.Storage.Migrations;

/// <summary>
/// A set of tables with its own versioned migrations: SQL scripts embedded in <paramref name="Assembly"/> whose
/// manifest resource names start with <paramref name="PostgresResources"/> or <paramref name="SqliteResources"/> and
/// end in <c>NNNN_description.sql</c>. Versions count per module; applied versions are recorded in
/// <c>actors_schema_migrations</c> under <paramref name="Name"/>.
/// </summary>
/// <param name="Name">The module name recorded with each applied migration.</param>
/// <param name="Assembly">The assembly whose embedded scripts are the module's migrations.</param>
/// <param name="PostgresResources">The resource-name prefix of the module's PostgreSQL scripts.</param>
/// <param name="SqliteResources">The resource-name prefix of the module's SQLite scripts.</param>
public sealed record SchemaModule(string Name, Assembly Assembly, string PostgresResources, string SqliteResources)
{
    /// <summary>Orleans' ADO.NET providers' tables and query texts (<c>Storage/OrleansSchema/Migrations/{Postgres,Sqlite}</c>).</summary>
    public static SchemaModule Orleans { get; } = new("orleans", typeof(SchemaModule).Assembly,
        "Actors.Grains.Storage.OrleansSchema.Migrations.Postgres.", "Actors.Grains.Storage.OrleansSchema.Migrations.Sqlite.");

    /// <summary>The Open edX learner tables (<c>Storage/{Postgres,Sqlite}/Migrations</c>).</summary>
    public static SchemaModule OpenEdx { get; } = new("openedx", typeof(SchemaModule).Assembly,
        "Actors.Grains.Storage.Postgres.Migrations.", "Actors.Grains.Storage.Sqlite.Migrations.");

    /// <summary>The modules a silo migrates at start, in order: <see cref="Orleans"/>, then <see cref="OpenEdx"/>.</summary>
    public static IReadOnlyList<SchemaModule> All { get; } = [Orleans, OpenEdx];
}
