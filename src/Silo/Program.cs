using Actors.Grains;
using Actors.Runtime.Hosting;

// A silo process: hosts grain activations. With Actors:Cluster:Enabled=true (and ConnectionStrings:Actors naming the
// PostgreSQL database that holds the membership table) it joins the cluster on Actors:Cluster:SiloPort and serves its
// share of the hash ring; API processes in cluster mode send it calls over TCP. Without clustering it is a stand-alone
// silo on the same storage choice as the API's embedded default. See docs/operations.md.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddActorSilo(silo => silo
    .AddOpenEdxGrains()
    .UseConfiguredStorage(builder.Configuration));
builder.Build().Run();
