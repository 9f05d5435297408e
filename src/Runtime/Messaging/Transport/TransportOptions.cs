namespace Actors.Runtime.Messaging.Transport;

/// <summary>TCP transport between silos and from API processes to silos. Section <c>Actors:Transport</c>.</summary>
public sealed class TransportOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Actors:Transport";

    /// <summary>The largest frame accepted or sent, counting type, correlation id and payload (the length field's value).
    /// Default 16 MiB. A peer announcing a longer frame is cut off at once; larger limits let one frame hold more memory
    /// per connection.</summary>
    public int MaxFrameBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long opening a connection may take before the send that needed it fails with
    /// <see cref="SiloUnavailableException"/>. Default 5 s (as Orleans). Shorter fails faster on a dead host but may give
    /// up on a slow, loaded one.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Frames queued per connection and not yet written before senders wait (back-pressure): a peer that reads
    /// slowly slows its senders instead of growing memory without bound. Default 4,096. Higher absorbs longer bursts.
    /// Whatever is queued goes out in one write.</summary>
    public int SendQueueCapacity { get; set; } = 4096;

    /// <summary>How many of the requests that arrive in one read of a connection one thread-pool work item starts (a
    /// silo's incoming grain calls; see <see cref="ReadBatch"/>). Default 32; a read's requests are also spread over at
    /// least as many work items as there are cores. 1 gives each request its own work item (most parallel, most thread
    /// hops); higher values hop less and let the answers leave in fewer writes, but the requests of one work item start
    /// one after another.</summary>
    public int ReadBatchSize { get; set; } = 32;

    /// <summary>How often each connection checks its pending calls against their deadlines. Default 1 s; a call times out
    /// at most this much late. One check per connection per period, not a timer per call.</summary>
    public TimeSpan TimeoutCheckPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
