namespace Actors.Runtime.Invocation;

/// <summary>
/// Converts between what grain methods return and the <see cref="ValueTask{TResult}"/> the runtime carries, without
/// allocating when the work already finished. Used by generated proxies and requests.
/// </summary>
public static class ResultAdapters
{
    /// <summary>The request result of a grain method that returns <see cref="Task"/>.</summary>
    public static ValueTask<NoResult> FromVoid(Task task) =>
        task.IsCompletedSuccessfully ? default : AwaitTask(task);

    /// <summary>The request result of a grain method that returns <see cref="ValueTask"/>.</summary>
    public static ValueTask<NoResult> FromVoid(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : AwaitValueTask(task);

    /// <summary>What a proxy method returning <see cref="Task"/> hands to its caller.</summary>
    public static Task ToTask(ValueTask<NoResult> call) =>
        call.IsCompletedSuccessfully ? Task.CompletedTask : call.AsTask();

    /// <summary>What a proxy method returning <see cref="ValueTask"/> hands to its caller.</summary>
    public static ValueTask ToValueTask(ValueTask<NoResult> call) =>
        call.IsCompletedSuccessfully ? default : AwaitCall(call);

    private static async ValueTask<NoResult> AwaitTask(Task task)
    {
        await task;
        return default;
    }

    private static async ValueTask<NoResult> AwaitValueTask(ValueTask task)
    {
        await task;
        return default;
    }

    private static async ValueTask AwaitCall(ValueTask<NoResult> call) => await call;
}
