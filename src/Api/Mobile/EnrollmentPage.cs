namespace Actors.Api.Mobile;

/// <summary>Which slice of a list one page is, as Django's <c>Paginator</c> counts: at least one page (an empty list has
/// an empty page 1), <c>last</c> is the last page, and a page past the last does not exist.</summary>
/// <param name="Number">The page number (1-based).</param>
/// <param name="Size">Items per page.</param>
/// <param name="Count">Items over all pages.</param>
internal readonly record struct EnrollmentPage(int Number, int Size, int Count)
{
    public int NumPages => Math.Max(1, (Count + Size - 1) / Size);

    public int Start => (Number - 1) * Size;

    public bool HasNext => Number < NumPages;

    public bool HasPrevious => Number > 1;

    /// <summary>The page <paramref name="requested"/> (null: the last) of <paramref name="count"/> items, or null when it
    /// is past the last page.</summary>
    public static EnrollmentPage? Of(int? requested, int size, int count)
    {
        var last = new EnrollmentPage(1, size, count).NumPages;
        var number = requested ?? last;
        return number <= last ? new EnrollmentPage(number, size, count) : null;
    }

    /// <summary>This page's items of <paramref name="items"/>.</summary>
    public IEnumerable<T> Slice<T>(IReadOnlyList<T> items) => items.Skip(Start).Take(Size);
}
