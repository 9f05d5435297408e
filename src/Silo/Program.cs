using Actors.Grains;

// A silo process: hosts grain activations as a member of the cluster. Until clustering lands it runs one
// stand-alone silo with in-memory storage; the API host's embedded silo is what serves requests today.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddActorSilo(silo => silo
    .AddOpenEdxGrains()
    .AddMemoryGrainStorage());
builder.Build().Run();
