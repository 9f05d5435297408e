using Microsoft.Extensions.Options;

namespace Actors.Runtime.Messaging.Transport;

/// <summary>Checks <see cref="TransportOptions"/>; messages name the setting and its value.</summary>
public sealed class TransportOptionsValidator : IValidateOptions<TransportOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TransportOptions options)
    {
        var failures = new List<string>();
        if (options.MaxFrameBytes < Frame.HeaderBytes)
            failures.Add($"{TransportOptions.Section}:MaxFrameBytes must be at least {Frame.HeaderBytes}; it is {options.MaxFrameBytes}.");
        if (options.ConnectTimeout <= TimeSpan.Zero)
            failures.Add($"{TransportOptions.Section}:ConnectTimeout must be positive; it is {options.ConnectTimeout}.");
        if (options.SendQueueCapacity < 1)
            failures.Add($"{TransportOptions.Section}:SendQueueCapacity must be at least 1; it is {options.SendQueueCapacity}.");
        if (options.ReadBatchSize < 1)
            failures.Add($"{TransportOptions.Section}:ReadBatchSize must be at least 1; it is {options.ReadBatchSize}.");
        if (options.TimeoutCheckPeriod <= TimeSpan.Zero)
            failures.Add($"{TransportOptions.Section}:TimeoutCheckPeriod must be positive; it is {options.TimeoutCheckPeriod}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> if <paramref name="options"/> is invalid.</summary>
    internal static TransportOptions Checked(TransportOptions options)
    {
        var result = new TransportOptionsValidator().Validate(null, options);
        return result.Failed ? throw new OptionsValidationException(TransportOptions.Section, typeof(TransportOptions), result.Failures) : options;
    }
}
