namespace Actors.Runtime;

/// <summary>
/// A grain in another process threw an exception that could not be rebuilt here as its own type (the type is unknown
/// in this process, or it has no constructor the runtime can fill). The original type's name and message are kept.
/// </summary>
/// <param name="remoteType">The full name of the exception type thrown remotely.</param>
/// <param name="message">Its message.</param>
public sealed class RemoteGrainException(string remoteType, string message) : Exception(message)
{
    /// <summary>The full name of the exception type thrown remotely.</summary>
    public string RemoteType { get; } = remoteType;
}
