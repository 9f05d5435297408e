namespace Actors.Runtime.Activation;

/// <summary>
/// A growable ring buffer of posted continuations (callback + state). The array is allocated on the first post,
/// so activations whose methods finish synchronously never pay for it. Not thread-safe: the activation locks.
/// </summary>
internal struct WorkQueue
{
    private (SendOrPostCallback Callback, object? State)[]? _items;
    private int _head;
    private int _count;

    public readonly int Count => _count;

    public void Enqueue(SendOrPostCallback callback, object? state)
    {
        if (_items is null || _count == _items.Length)
            Grow();
        _items![(_head + _count) % _items.Length] = (callback, state);
        _count++;
    }

    public bool TryDequeue(out SendOrPostCallback callback, out object? state)
    {
        if (_count == 0)
        {
            callback = null!;
            state = null;
            return false;
        }

        (callback, state) = _items![_head];
        _items[_head] = default;
        _head = (_head + 1) % _items.Length;
        _count--;
        return true;
    }

    private void Grow()
    {
        var grown = new (SendOrPostCallback, object?)[_items is null ? 4 : _items.Length * 2];
        for (var i = 0; i < _count; i++)
            grown[i] = _items![(_head + i) % _items.Length];
        _items = grown;
        _head = 0;
    }
}
