namespace Actors.Runtime;

/// <summary>
/// Marker for every grain interface. A grain interface declares only methods returning <see cref="Task"/>,
/// <see cref="Task{TResult}"/>, <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>, optionally taking a
/// trailing <see cref="CancellationToken"/>; the build generates its proxy. Arguments and results should be
/// immutable: inside a silo they are passed by reference.
/// </summary>
public interface IGrain;

/// <summary>A grain identified by a string (a username, a course key).</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain identified by a <see cref="Guid"/>.</summary>
public interface IGrainWithGuidKey : IGrain;

/// <summary>A grain identified by a 64-bit integer.</summary>
public interface IGrainWithIntegerKey : IGrain;
