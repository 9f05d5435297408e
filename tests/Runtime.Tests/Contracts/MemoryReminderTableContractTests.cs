using Actors.Runtime.Reminders;

namespace Actors.Runtime.Tests.Contracts;

/// <summary>The reminder table contract against <see cref="MemoryReminderTable"/>. Its rows live in the object, so a
/// "restart" is the same instance; it has no service id, so the shared-database rules do not apply.</summary>
public sealed class MemoryReminderTableContractTests : ReminderTableContract
{
    private readonly MemoryReminderTable _table = new();

    protected override Task<IReminderTable> CreateTableAsync(string serviceId) => Task.FromResult<IReminderTable>(_table);
}
