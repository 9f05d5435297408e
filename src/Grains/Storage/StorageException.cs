namespace Actors.Grains.Storage;

/// <summary>
/// A storage operation failed for a reason other than a version conflict: the database is unreachable, restarting,
/// or refused the statement. <see cref="IsTransient"/> says whether trying again later can succeed. For a write the
/// outcome may be unknown (the connection dropped during commit); callers re-read before relying on it.
/// </summary>
[GenerateSerializer, Alias("actors.StorageException")]
public sealed class StorageException(string message, Exception innerException, bool isTransient) : Exception(message, innerException)
{
    /// <summary>Whether the same operation may succeed later (connection lost, server restarting, lock timeout).</summary>
    [Id(0)]
    public bool IsTransient { get; } = isTransient;
}
