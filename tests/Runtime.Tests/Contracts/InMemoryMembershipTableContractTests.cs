using Actors.Runtime.Membership;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>The membership table contract against <see cref="InMemoryMembershipTable"/>. Its rows live in the object,
/// so every "instance" is the same object; it has no cluster id, so the shared-database rules do not apply.</summary>
public sealed class InMemoryMembershipTableContractTests : MembershipTableContract
{
    private readonly InMemoryMembershipTable _table = new();

    protected override Task<IMembershipTable> CreateTableAsync(string clusterId) => Task.FromResult<IMembershipTable>(_table);
}
