using Actors.Runtime.Hosting;

namespace Actors.Grains;

/// <summary>Adds the Open edX grains of this assembly to a silo.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>Registers this assembly's grain classes with the silo. Both hosts (the API's embedded silo and
    /// <c>src/Silo</c>) call this, so they serve the same grains.</summary>
    public static SiloBuilder AddOpenEdxGrains(this SiloBuilder builder) =>
        builder.AddGrainAssembly(typeof(GrainsSiloBuilderExtensions).Assembly);
}
