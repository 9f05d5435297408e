using Actors.Runtime.Invocation;

namespace Actors.Runtime.Timers;

/// <summary>One tick of a grain timer, queued on the activation like a request so it obeys the same turn rules.
/// It has no deadline and is not counted in call statistics.</summary>
internal sealed class TimerTickRequest(GrainTimer timer) : GrainRequest<NoResult>
{
    public override string InterfaceName => "timer";

    public override string MethodName => "tick";

    /// <summary>Timer ticks never leave their silo, so they have no wire identity.</summary>
    public override uint MethodId => 0;

    public override RequestFlags Flags => timer.Options.Interleave ? RequestFlags.AlwaysInterleave : RequestFlags.None;

    public bool KeepAlive => timer.Options.KeepAlive;

    protected override ValueTask<NoResult> InvokeGrainAsync(object grain, CancellationToken cancellationToken) =>
        ResultAdapters.FromVoid(timer.InvokeCallbackAsync());

    protected override void WriteArguments(System.Buffers.IBufferWriter<byte> output) =>
        throw new NotSupportedException("Timer ticks never leave their silo.");

    protected override void ReadArguments(ref Serialization.WireReader reader) =>
        throw new NotSupportedException("Timer ticks never leave their silo.");
}
