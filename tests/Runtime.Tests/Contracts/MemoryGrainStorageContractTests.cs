using Actors.Runtime.Persistence;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>The grain storage contract against <see cref="MemoryGrainStorage"/>. Its state lives in the object, so a
/// "restart" is the same instance; it has no service id, so the shared-database rules do not apply.</summary>
public sealed class MemoryGrainStorageContractTests : GrainStorageContract
{
    private readonly MemoryGrainStorage _storage = new();

    protected override Task<IGrainStorage> CreateStorageAsync(string serviceId) => Task.FromResult<IGrainStorage>(_storage);
}
