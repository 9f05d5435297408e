using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Actors.Runtime.Messaging.Transport;
using Actors.Runtime.Serialization;

namespace Actors.Runtime.Messaging.Remote;

/// <summary>
/// Carries a grain's exception to a caller in another process as its own type, with the data it was built from.
/// </summary>
/// <remarks>
/// An exception keeps its type across the wire when the type is loaded in the caller's process and has a public
/// constructor whose parameters are all fillable: a <c>message</c> string (gets <see cref="Exception.Message"/>), an
/// <see cref="Exception"/> (gets null: inner exceptions stay on the silo, in its log), or a value with a public property
/// of the same name (ignoring case), which travels as JSON. The constructor with the most such parameters whose values
/// serialise is used, so
/// <c>CourseNotFoundException(string courseKey)</c> with a <c>CourseKey</c> property arrives whole. Anything else
/// arrives as <see cref="RemoteGrainException"/> with the original type name and message.
/// </remarks>
public static class ExceptionCodec
{
    private static readonly ConcurrentDictionary<Type, ConstructorInfo[]> RebuildConstructors = new();

    /// <summary>The <see cref="FrameType.Error"/> payload for <paramref name="exception"/>.</summary>
    public static byte[] Encode(Exception exception)
    {
        var type = exception.GetType();
        var typeName = $"{type.FullName}, {type.Assembly.GetName().Name}";
        foreach (var constructor in RebuildConstructorsOf(type))
        {
            if (TryWriteDetails(exception, type, constructor) is { } details)
                return ErrorPayload.Encode(typeName, exception.Message, details);
        }

        return ErrorPayload.Encode(typeName, exception.Message);
    }

    /// <summary>The exception an <see cref="FrameType.Error"/> payload describes (see the remarks for which type).</summary>
    public static Exception Decode(ReadOnlySpan<byte> payload)
    {
        if (!ErrorPayload.TryDecode(payload, out var typeName, out var message, out var details))
            return new RemoteGrainException("(unreadable)", "The remote side answered with an error that could not be read.");

        var shortName = typeName.Split(',')[0];
        try
        {
            var type = Type.GetType(typeName, throwOnError: false);
            if (type is null || !typeof(Exception).IsAssignableFrom(type))
                return new RemoteGrainException(shortName, message);

            using var document = details.IsEmpty ? null : JsonDocument.Parse(details.ToArray());
            Exception? messageDiffers = null;
            foreach (var constructor in RebuildConstructorsOf(type))
            {
                if (TryRebuildWithMessage(constructor, message, document) is not { } rebuilt)
                    continue;
                if (rebuilt.Message == message)
                    return rebuilt;
                messageDiffers ??= rebuilt;
            }

            if (messageDiffers is not null)
                return messageDiffers;
        }
        catch (Exception)
        {
            // Details that are not JSON: keep name and message.
        }

        return new RemoteGrainException(shortName, message);
    }

    // An exception built by the constructor whose Message is exactly message, if it can be. Some types derive Message
    // from the text given and their data (ArgumentException appends " (Parameter 'name')"): then the text is passed
    // without that suffix, so the suffix is not doubled. Otherwise the exception as built, or null if the constructor
    // refuses the values (it needs the inner exception, say).
    private static Exception? TryRebuildWithMessage(ConstructorInfo constructor, string message, JsonDocument? details)
    {
        var rebuilt = TryRebuild(constructor, message, details);
        if (rebuilt is null || rebuilt.Message == message || !rebuilt.Message.StartsWith(message, StringComparison.Ordinal))
            return rebuilt;
        var suffix = rebuilt.Message[message.Length..];
        return message.EndsWith(suffix, StringComparison.Ordinal)
            && TryRebuild(constructor, message[..^suffix.Length], details) is { } trimmed && trimmed.Message == message
            ? trimmed
            : rebuilt;
    }

    private static Exception? TryRebuild(ConstructorInfo constructor, string message, JsonDocument? details)
    {
        try
        {
            return TryReadArguments(constructor, message, details) is { } arguments ? (Exception)constructor.Invoke(arguments) : null;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static byte[]? TryWriteDetails(Exception exception, Type type, ConstructorInfo constructor)
    {
        try
        {
            using var details = new MemoryStream();
            using (var writer = new Utf8JsonWriter(details))
            {
                writer.WriteStartObject();
                foreach (var parameter in constructor.GetParameters())
                {
                    if (IsMessage(parameter) || IsException(parameter))
                        continue;
                    writer.WritePropertyName(parameter.Name!);
                    JsonSerializer.Serialize(writer, PropertyFor(type, parameter)!.GetValue(exception), parameter.ParameterType, WireJson.Options);
                }

                writer.WriteEndObject();
            }

            return details.ToArray();
        }
        catch (Exception)
        {
            return null; // a value that does not serialise (an endpoint, say): try a smaller constructor
        }
    }

    private static object?[]? TryReadArguments(ConstructorInfo constructor, string message, JsonDocument? details)
    {
        var parameters = constructor.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (IsMessage(parameter))
                arguments[i] = message;
            else if (IsException(parameter))
                arguments[i] = null;
            else if (details is not null && details.RootElement.TryGetProperty(parameter.Name!, out var value))
                arguments[i] = value.Deserialize(parameter.ParameterType, WireJson.Options);
            else
                return null;
        }

        return arguments;
    }

    // Constructors whose every parameter can be filled, the most parameters first.
    private static ConstructorInfo[] RebuildConstructorsOf(Type type) =>
        RebuildConstructors.GetOrAdd(type, static type => type.GetConstructors()
            .Where(c => c.GetParameters().All(p => IsMessage(p) || IsException(p) || PropertyFor(type, p) is not null))
            .OrderByDescending(c => c.GetParameters().Length)
            .ToArray());

    private static bool IsMessage(ParameterInfo parameter) =>
        parameter.ParameterType == typeof(string) && string.Equals(parameter.Name, "message", StringComparison.OrdinalIgnoreCase);

    private static bool IsException(ParameterInfo parameter) => typeof(Exception).IsAssignableFrom(parameter.ParameterType);

    private static PropertyInfo? PropertyFor(Type type, ParameterInfo parameter)
    {
        var property = type.GetProperty(parameter.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanRead: true } && parameter.ParameterType.IsAssignableFrom(property.PropertyType) ? property : null;
    }
}
