using System.Reflection;

namespace Actors.Api.Tests.Infrastructure;

/// <summary>
/// A grain factory whose only grain is a management grain answering every call with <c>answer(methodName)</c>: a
/// value becomes the call's completed task, an exception its faulted task. For driving the API's error handling and
/// readiness without a cluster.
/// </summary>
internal static class FakeManagementGrain
{
    /// <summary>A grain factory that hands out the fake management grain for any key.</summary>
    public static IGrainFactory Factory(Func<string, object?> answer)
    {
        var management = DispatchProxy.Create<IManagementGrain, ManagementProxy>();
        ((ManagementProxy)(object)management).Answer = answer;
        var factory = DispatchProxy.Create<IGrainFactory, FactoryProxy>();
        ((FactoryProxy)(object)factory).Grain = management;
        return factory;
    }

    /// <summary>A grain factory whose management grain fails every call with <paramref name="exception"/>.</summary>
    public static IGrainFactory Throwing(Exception exception) => Factory(_ => exception);

    /// <summary>Hands out <see cref="Grain"/> from every <c>GetGrain</c>; anything else is not supported.</summary>
    public class FactoryProxy : DispatchProxy
    {
        public object? Grain { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IGrainFactory.GetGrain) ? Grain : throw new NotSupportedException(targetMethod?.Name);
    }

    /// <summary>Answers every management grain method through <see cref="Answer"/>.</summary>
    public class ManagementProxy : DispatchProxy
    {
        public Func<string, object?> Answer { get; set; } = _ => null;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var returnType = targetMethod!.ReturnType;
            var answer = Answer(targetMethod.Name);
            var resultType = returnType.IsGenericType ? returnType.GetGenericArguments()[0] : typeof(object);
            var source = Activator.CreateInstance(typeof(TaskCompletionSource<>).MakeGenericType(resultType))!;
            if (answer is Exception exception)
                source.GetType().GetMethod(nameof(TaskCompletionSource<object>.SetException), [typeof(Exception)])!.Invoke(source, [exception]);
            else
                source.GetType().GetMethod(nameof(TaskCompletionSource<object>.SetResult))!.Invoke(source, [answer]);
            var task = source.GetType().GetProperty(nameof(TaskCompletionSource<object>.Task))!.GetValue(source)!;
            if (returnType == typeof(Task) || returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
                return task;
            if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
                return Activator.CreateInstance(returnType, task);
            throw new NotSupportedException($"{targetMethod.Name} returns {returnType}.");
        }
    }
}
