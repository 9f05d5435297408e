using Actors.Grains.Storage;

namespace Actors.Grains.Tests.Students;

/// <summary>The student store contract against <see cref="MemoryStudentStore"/> (a "restart" is the same object).</summary>
public sealed class MemoryStudentStoreContractTests : StudentStoreContract
{
    private readonly MemoryStudentStore _store = new();

    protected override Task<IStudentStore> OpenAsync() => Task.FromResult<IStudentStore>(_store);
}
