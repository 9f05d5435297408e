using Actors.Runtime.Activation;
using Actors.Runtime.Invocation;

namespace Actors.Runtime;

/// <summary>The <see cref="IGrainFactory"/>: pairs a generated proxy with a grain id and the call invoker.</summary>
internal sealed class GrainFactory(GrainClassRegistry registry, IGrainCallInvoker invoker) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create<TGrainInterface>(new GrainId(registry.GrainTypeOf(typeof(TGrainInterface)), key));
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(GrainId.Create(registry.GrainTypeOf(typeof(TGrainInterface)), key));

    public TGrainInterface GetGrain<TGrainInterface>(long key) where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(GrainId.Create(registry.GrainTypeOf(typeof(TGrainInterface)), key));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain =>
        Create<TGrainInterface>(grainId);

    private TGrainInterface Create<TGrainInterface>(GrainId grainId) =>
        (TGrainInterface)(object)GrainProxyFactories.Get(typeof(TGrainInterface))(invoker, grainId);
}
