using Actors.Grains.Storage;
using Actors.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Actors.Grains.Tests.Storage;

/// <summary>A silo on an empty PostgreSQL database with <c>UseActorsPostgresClustering</c> and
/// <c>UseActorsStorage</c>: it creates the schema before membership and the providers read it, joins as Active, and a
/// client with <c>UseActorsPostgresClustering</c> finds its gateway there.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresClusteringSiloTests
{
    [Fact]
    public async Task Silo_OnAnEmptyDatabase_MigratesBeforeMembership_JoinsActive_AndAClientFindsIt()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync("clustering");
        var clusterId = "cluster-" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var silo = await StorageSilo.StartAsync(
                             new Dictionary<string, string?> { [$"ConnectionStrings:{StorageSiloBuilderExtensions.ConnectionStringName}"] = connectionString },
                             postgresClustering: connectionString, clusterId: clusterId))
            {
                await using (var dataSource = NpgsqlDataSource.Create(connectionString))
                await using (var command = dataSource.CreateCommand("select status from orleans_membership where deployment_id = @id"))
                {
                    command.Parameters.AddWithValue("id", clusterId);
                    Assert.Equal((int)SiloStatus.Active, await command.ExecuteScalarAsync());
                }

                var clientBuilder = Host.CreateApplicationBuilder();
                clientBuilder.Logging.ClearProviders();
                clientBuilder.UseOrleansClient(client =>
                {
                    client.Services.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (clusterId, silo.ServiceId));
                    client.UseActorsPostgresClustering(connectionString);
                });
                using var clientHost = clientBuilder.Build();
                await clientHost.StartAsync();

                var hosts = await clientHost.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

                Assert.Single(hosts);
                await clientHost.StopAsync();
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.DropDatabaseAsync(new NpgsqlConnectionStringBuilder(connectionString).Database!);
        }
    }
}
