namespace PaymentsPortal.Sandbox.Stripe;

/// <summary>Something Stripe lists newest first: by <see cref="Created"/>, then by the order the simulator made it in.</summary>
internal interface IStripeListed
{
    string Id { get; }

    long Created { get; }

    /// <summary>The simulator's running count when the object was made; breaks ties within a second as Stripe's order does.</summary>
    long Sequence { get; }
}

/// <summary>
/// One account's objects of one kind, oldest first, with a lookup by id, so that a list request can find its cursor and
/// walk from it without sorting the whole account on every page. Not thread-safe: the state's lock guards it.
/// </summary>
internal sealed class StripeTimeline<T>
    where T : class, IStripeListed
{
    private readonly List<T> items = [];
    private readonly Dictionary<string, T> byId = new(StringComparer.Ordinal);

    public int Count => items.Count;

    public IReadOnlyList<T> Items => items;

    public T this[int index] => items[index];

    public T? Find(string id) => byId.GetValueOrDefault(id);

    public void Add(T item)
    {
        // The clock may step back (a test's clock, or the system's); insert in place so the order stays created-then-made.
        var index = items.Count;
        while (index > 0 && Compare(items[index - 1], item) > 0)
        {
            index--;
        }

        items.Insert(index, item);
        byId.Add(item.Id, item);
    }

    /// <summary>The position of the object with this id, or -1 when the account has none.</summary>
    public int IndexOf(string id)
    {
        if (!byId.TryGetValue(id, out var item))
        {
            return -1;
        }

        // Binary search on (created, sequence), which is unique per object.
        int low = 0, high = items.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = Compare(items[middle], item);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    /// <summary>Forgets the oldest objects beyond the newest <paramref name="keep"/>.</summary>
    public void TrimTo(int keep)
    {
        var excess = items.Count - keep;
        if (excess <= 0)
        {
            return;
        }

        foreach (var item in items.Take(excess))
        {
            byId.Remove(item.Id);
        }

        items.RemoveRange(0, excess);
    }

    private static int Compare(T left, T right)
    {
        var byCreated = left.Created.CompareTo(right.Created);
        return byCreated != 0 ? byCreated : left.Sequence.CompareTo(right.Sequence);
    }
}
